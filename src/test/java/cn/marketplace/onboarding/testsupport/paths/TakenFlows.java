package cn.marketplace.onboarding.testsupport.paths;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

/**
 * Records every sequence flow the fast layer's engine takes, as {@code processKey#flowId}: a parse
 * listener (see {@code camunda.cfg.xml}) puts a "take" listener on each flow of each deployed diagram.
 * Every gateway branch, boundary event, timer and message event has an outgoing flow, so a diagram
 * whose flows were all taken had each of its paths walked. The engine takes no flow out of an
 * event-based gateway (the event that occurs continues), so such a flow counts as taken when its
 * catch event was reached.
 */
public class TakenFlows extends AbstractBpmnParseListener {

  private static final Set<String> TAKEN = ConcurrentHashMap.newKeySet();

  @Override
  public void parseSequenceFlow(Element sequenceFlowElement, ScopeImpl scopeElement, TransitionImpl transition) {
    String flowId = transition.getId();
    transition.addListener(ExecutionListener.EVENTNAME_TAKE, (ExecutionListener) execution ->
        TAKEN.add(keyOf(execution.getProcessDefinitionId()) + "#" + flowId));
  }

  @Override
  public void parseIntermediateCatchEvent(Element catchEventElement, ScopeImpl scopeElement, ActivityImpl activity) {
    String eventId = activity.getId();
    activity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) execution ->
        TAKEN.add(keyOf(execution.getProcessDefinitionId()) + "@" + eventId));
  }

  /** The flows of the process in {@code bpmnResource} (a classpath resource) that no test took yet. */
  public static Set<String> notTaken(String bpmnResource) {
    Set<String> missing = new TreeSet<>();
    try (InputStream in = TakenFlows.class.getClassLoader().getResourceAsStream(bpmnResource)) {
      if (in == null) {
        throw new IllegalArgumentException("no diagram " + bpmnResource + " on the classpath");
      }
      for (Process process : Bpmn.readModelFromStream(in).getModelElementsByType(Process.class)) {
        for (SequenceFlow flow : process.getChildElementsByType(SequenceFlow.class)) {
          String taken = flow.getSource() instanceof EventBasedGateway
              ? process.getId() + "@" + flow.getTarget().getId()
              : process.getId() + "#" + flow.getId();
          if (!TAKEN.contains(taken)) {
            missing.add(flow.getId() + " (" + flow.getSource().getId() + " -> " + flow.getTarget().getId() + ")");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return missing;
  }

  private static String keyOf(String processDefinitionId) {
    return processDefinitionId.substring(0, processDefinitionId.indexOf(':'));
  }
}
