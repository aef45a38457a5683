package cn.marketplace.onboarding.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Structural checks of every diagram in {@code processes/} and every form in {@code forms/}: what
 * Camunda Modeler, Cockpit and Tasklist need to show them, and the product's own conventions. Runs
 * without Spring or an engine, on the files as they are committed (working directory = project root).
 */
class ProcessModelTest {

  private static final Path PROCESSES = Path.of("processes");
  private static final Path FORMS = Path.of("forms");
  private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> everyDiagram() throws IOException {
    List<Path> files = list(PROCESSES, ".bpmn");
    assertThat(files).as("BPMN files in %s", PROCESSES.toAbsolutePath()).isNotEmpty();
    return files.stream().flatMap(file -> {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      String name = file.getFileName().toString();
      return Stream.of(
          DynamicTest.dynamicTest(name + ": every flow node and sequence flow has DI", () -> hasDi(model)),
          DynamicTest.dynamicTest(name + ": no shapes, labels or edges overlap", () -> noOverlaps(model)),
          DynamicTest.dynamicTest(name + ": user tasks and start events name a deployed form", () -> formsResolve(model)),
          DynamicTest.dynamicTest(name + ": async service tasks retry, delegates are beans", () -> serviceTasks(model)),
          DynamicTest.dynamicTest(name + ": processes have historyTimeToLive", () -> historyTimeToLive(model)),
          DynamicTest.dynamicTest(name + ": elements are named", () -> named(model)));
    });
  }

  @TestFactory
  Stream<DynamicTest> everyForm() throws IOException {
    List<Path> files = list(FORMS, ".form");
    assertThat(files).as("form files in %s", FORMS.toAbsolutePath()).isNotEmpty();
    Map<String, Path> ids = new HashMap<>();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files) {
      tests.add(DynamicTest.dynamicTest(file.getFileName() + ": valid Camunda Form", () -> {
        JsonNode form = JSON.readTree(file.toFile());
        assertThat(form.path("type").asText()).as("type of %s", file).isEqualTo("default");
        String id = form.path("id").asText();
        assertThat(id).as("id of %s", file).isNotBlank();
        assertThat(ids.put(id, file)).as("form id %s used by another file", id).isNull();
        assertThat(form.path("executionPlatform").asText()).isEqualTo("Camunda Platform");
        assertThat(form.path("schemaVersion").isInt()).as("schemaVersion of %s", file).isTrue();

        Set<String> componentIds = new HashSet<>();
        Set<String> keys = new HashSet<>();
        List<JsonNode> components = new ArrayList<>();
        collectComponents(form, components);
        assertThat(components).as("components of %s", file).isNotEmpty();
        for (JsonNode component : components) {
          String componentId = component.path("id").asText();
          assertThat(componentId).as("component id in %s", file).isNotBlank();
          assertThat(componentIds.add(componentId)).as("component id %s repeated in %s", componentId, file).isTrue();
          if (component.hasNonNull("key")) {
            String key = component.get("key").asText();
            assertThat(keys.add(key)).as("key %s repeated in %s", key, file).isTrue();
          }
        }
      }));
    }
    return tests.stream();
  }

  // ---- diagrams ---------------------------------------------------------------------------

  private static void hasDi(BpmnModelInstance model) {
    Set<String> shapes = new HashSet<>();
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      shapes.add(shape.getBpmnElement().getId());
    }
    Set<String> edges = new HashSet<>();
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      edges.add(edge.getBpmnElement().getId());
      assertThat(edge.getWaypoints()).as("waypoints of %s", edge.getId()).hasSizeGreaterThanOrEqualTo(2);
    }
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      assertThat(shapes).as("shape for %s", node.getId()).contains(node.getId());
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      assertThat(edges).as("edge for %s", flow.getId()).contains(flow.getId());
    }
  }

  private static void noOverlaps(BpmnModelInstance model) {
    List<BpmnShape> shapes = new ArrayList<>(model.getModelElementsByType(BpmnShape.class));
    Map<String, Rect> byElement = new HashMap<>();
    for (BpmnShape shape : shapes) {
      byElement.put(shape.getBpmnElement().getId(), Rect.of(shape.getBounds()));
    }
    // shapes: only a boundary event may touch, and overlap, the activity it is attached to
    for (int i = 0; i < shapes.size(); i++) {
      for (int j = i + 1; j < shapes.size(); j++) {
        BaseElement a = shapes.get(i).getBpmnElement();
        BaseElement b = shapes.get(j).getBpmnElement();
        if (attached(a, b) || attached(b, a)) {
          assertThat(Rect.of(shapes.get(i).getBounds()).overlaps(Rect.of(shapes.get(j).getBounds())))
              .as("boundary event %s sits on its host's border", attached(a, b) ? a.getId() : b.getId())
              .isTrue();
          continue;
        }
        assertThat(Rect.of(shapes.get(i).getBounds()).overlaps(Rect.of(shapes.get(j).getBounds())))
            .as("shapes %s and %s overlap", a.getId(), b.getId())
            .isFalse();
      }
    }
    // labels: cover no shape and no other label
    Map<String, Rect> labels = new HashMap<>();
    for (BpmnShape shape : shapes) {
      if (shape.getBpmnLabel() != null && shape.getBpmnLabel().getBounds() != null) {
        labels.put(shape.getBpmnElement().getId(), Rect.of(shape.getBpmnLabel().getBounds()));
      }
    }
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      if (edge.getBpmnLabel() != null && edge.getBpmnLabel().getBounds() != null) {
        labels.put(edge.getBpmnElement().getId(), Rect.of(edge.getBpmnLabel().getBounds()));
      }
    }
    List<String> labelled = new ArrayList<>(labels.keySet());
    for (int i = 0; i < labelled.size(); i++) {
      Rect label = labels.get(labelled.get(i));
      for (Map.Entry<String, Rect> shape : byElement.entrySet()) {
        assertThat(label.overlaps(shape.getValue()))
            .as("label of %s covers shape %s", labelled.get(i), shape.getKey())
            .isFalse();
      }
      for (int j = i + 1; j < labelled.size(); j++) {
        assertThat(label.overlaps(labels.get(labelled.get(j))))
            .as("labels of %s and %s overlap", labelled.get(i), labelled.get(j))
            .isFalse();
      }
    }
    // edges: orthogonal, start on the source's border, end on the target's, cross no other shape
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      if (!(edge.getBpmnElement() instanceof SequenceFlow flow)) {
        continue;
      }
      List<Waypoint> points = new ArrayList<>(edge.getWaypoints());
      Rect source = byElement.get(flow.getSource().getId());
      Rect target = byElement.get(flow.getTarget().getId());
      assertThat(source.onBorder(points.get(0))).as("%s starts on the border of %s", flow.getId(),
          flow.getSource().getId()).isTrue();
      assertThat(target.onBorder(points.get(points.size() - 1))).as("%s ends on the border of %s", flow.getId(),
          flow.getTarget().getId()).isTrue();
      for (int k = 0; k + 1 < points.size(); k++) {
        Waypoint p = points.get(k);
        Waypoint q = points.get(k + 1);
        assertThat(p.getX().equals(q.getX()) || p.getY().equals(q.getY()))
            .as("segment %d of %s is orthogonal", k, flow.getId()).isTrue();
        Rect segment = new Rect(Math.min(p.getX(), q.getX()), Math.min(p.getY(), q.getY()),
            Math.max(p.getX(), q.getX()), Math.max(p.getY(), q.getY()));
        for (Map.Entry<String, Rect> shape : byElement.entrySet()) {
          if (shape.getKey().equals(flow.getSource().getId()) || shape.getKey().equals(flow.getTarget().getId())) {
            continue;
          }
          assertThat(segment.overlaps(shape.getValue()))
              .as("segment %d of %s crosses %s", k, flow.getId(), shape.getKey())
              .isFalse();
        }
      }
    }
  }

  private static boolean attached(BaseElement maybeBoundary, BaseElement host) {
    return maybeBoundary instanceof BoundaryEvent boundary && boundary.getAttachedTo() == host;
  }

  private static void formsResolve(BpmnModelInstance model) throws IOException {
    Map<String, Path> formsById = formsById();
    List<BaseElement> withForms = new ArrayList<>(model.getModelElementsByType(UserTask.class));
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      if (start.getCamundaFormRef() != null) {
        withForms.add(start);
      }
    }
    for (BaseElement element : withForms) {
      String formRef = element instanceof UserTask task ? task.getCamundaFormRef()
          : ((StartEvent) element).getCamundaFormRef();
      String binding = element instanceof UserTask task ? task.getCamundaFormRefBinding()
          : ((StartEvent) element).getCamundaFormRefBinding();
      assertThat(formRef).as("camunda:formRef of %s", element.getId()).isNotBlank();
      assertThat(formsById).as("form with id %s (formRef of %s) in forms/", formRef, element.getId())
          .containsKey(formRef);
      assertThat(binding).as("camunda:formRefBinding of %s", element.getId()).isEqualTo("deployment");
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.getCamundaCandidateGroups()).as("candidate groups of %s", task.getId()).isNotBlank();
      assertThat(task.getCamundaDueDate()).as("due date of %s", task.getId()).isNotBlank();
    }
  }

  private static void serviceTasks(BpmnModelInstance model) {
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      assertThat(task.getCamundaDelegateExpression()).as("delegateExpression of %s", task.getId()).isNotBlank();
      if (task.isCamundaAsyncBefore()) {
        assertThat(task.getExtensionElements()).as("extension elements of %s", task.getId()).isNotNull();
        List<CamundaFailedJobRetryTimeCycle> cycles = task.getExtensionElements().getElementsQuery()
            .filterByType(CamundaFailedJobRetryTimeCycle.class).list();
        assertThat(cycles).as("failedJobRetryTimeCycle of async %s", task.getId()).hasSize(1);
        assertThat(cycles.get(0).getTextContent()).as("retry cycle of %s", task.getId()).isNotBlank();
      }
    }
    List<String> classes = new ArrayList<>();
    collectCamundaClass(model.getDocument().getRootElement(), classes);
    assertThat(classes).as("elements with camunda:class (call Spring beans by delegateExpression)").isEmpty();
  }

  private static void collectCamundaClass(DomElement element, List<String> found) {
    if (element.hasAttribute(CAMUNDA_NS, "class")) {
      found.add(element.getLocalName() + " " + element.getAttribute("id"));
    }
    for (DomElement child : element.getChildElements()) {
      collectCamundaClass(child, found);
    }
  }

  private static void historyTimeToLive(BpmnModelInstance model) {
    for (Process process : model.getModelElementsByType(Process.class)) {
      assertThat(process.getCamundaHistoryTimeToLiveString()).as("historyTimeToLive of %s", process.getId())
          .isNotBlank();
    }
  }

  private static void named(BpmnModelInstance model) {
    for (Process process : model.getModelElementsByType(Process.class)) {
      assertThat(process.getName()).as("name of process %s", process.getId()).isNotBlank();
    }
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      assertThat(node.getName()).as("name of %s", node.getId()).isNotBlank();
    }
    for (Message message : model.getModelElementsByType(Message.class)) {
      assertThat(message.getName()).as("name of message %s", message.getId()).isNotBlank();
    }
    // a decision's outgoing flows say which way they go; other flows need no name
    for (ExclusiveGateway gateway : model.getModelElementsByType(ExclusiveGateway.class)) {
      if (gateway.getOutgoing().size() > 1) {
        for (SequenceFlow flow : gateway.getOutgoing()) {
          assertThat(flow.getName()).as("name of %s out of %s", flow.getId(), gateway.getId()).isNotBlank();
        }
      }
    }
  }

  // ---- forms ------------------------------------------------------------------------------

  private static Map<String, Path> formsById() throws IOException {
    Map<String, Path> forms = new HashMap<>();
    for (Path file : list(FORMS, ".form")) {
      forms.put(JSON.readTree(file.toFile()).path("id").asText(), file);
    }
    return forms;
  }

  private static void collectComponents(JsonNode container, List<JsonNode> into) {
    for (JsonNode component : container.path("components")) {
      into.add(component);
      collectComponents(component, into);
    }
  }

  private static List<Path> list(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  /** Axis-aligned rectangle; overlap means a shared area, not a shared border. */
  private record Rect(double x1, double y1, double x2, double y2) {

    static Rect of(Bounds b) {
      return new Rect(b.getX(), b.getY(), b.getX() + b.getWidth(), b.getY() + b.getHeight());
    }

    boolean overlaps(Rect o) {
      return x1 < o.x2 && o.x1 < x2 && y1 < o.y2 && o.y1 < y2;
    }

    boolean onBorder(Waypoint p) {
      double x = p.getX();
      double y = p.getY();
      boolean inside = x >= x1 - 1 && x <= x2 + 1 && y >= y1 - 1 && y <= y2 + 1;
      boolean nearEdge = Math.abs(x - x1) <= 1 || Math.abs(x - x2) <= 1 || Math.abs(y - y1) <= 1
          || Math.abs(y - y2) <= 1;
      return inside && nearEdge;
    }
  }
}
