package cn.marketplace.onboarding.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.CompositeHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps two kinds of variable out of the engine's history, and passes every other event to the
 * engine's own handlers (the database and, with the starter's eventing, the Spring events the
 * metrics count):
 * <ul>
 *   <li>Secrets. A form that carries a SAS URI or a VM credential sets it as a process variable for
 *       the length of one command (the first step moves it into encrypted storage and removes it);
 *       with full history the engine would still write its value to ACT_HI_VARINST and ACT_HI_DETAIL,
 *       and keep it there after the removal.</li>
 *   <li>A task's own variables. Only our task listeners write them (a submitted form sets its values
 *       on the task's execution, {@link TaskForms}, and no caller may set a task's variables over the
 *       REST API): copies of our records for a Tasklist filter's columns, which go with the task. Their
 *       history would say again what our records and the audit trail keep, and a publisher's history
 *       could mistake them for its own values.</li>
 * </ul>
 * And a variable's removal writes no detail row: the variable's history row says it was removed
 * (state {@code DELETED}), and the engine's detail of a removal holds no value. Only our steps remove
 * variables: the form fields they moved into our records, in the transaction that gave them.
 *
 * <p>It replaces the engine's handlers after initialisation with the same ones (the database's and
 * the custom ones, as the engine composes them) behind the filter, the database's with the
 * removal's detail left out.
 */
@Component
class VariableHistoryFilter extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!configuration.isEnableDefaultDbHistoryEventHandler()) {
      throw new IllegalStateException("the engine's database history handler is off: history would not be written");
    }
    List<HistoryEventHandler> handlers = new ArrayList<>();
    handlers.add(new DatabaseWithoutRemovalDetails());
    handlers.addAll(Optional.ofNullable(configuration.getCustomHistoryEventHandlers()).orElse(List.of()));
    configuration.setHistoryEventHandler(new Filter(new CompositeHistoryEventHandler(handlers)));
  }

  private static boolean isKept(HistoryEvent event) {
    if (event instanceof HistoricVariableUpdateEventEntity variable) {
      return variable.getTaskId() == null && !SecretNames.isSecret(variable.getVariableName());
    }
    return !(event instanceof HistoricFormPropertyEventEntity property && SecretNames.isSecret(property.getPropertyId()));
  }

  /** The engine's database handler, writing no detail row for a variable's removal. */
  private static final class DatabaseWithoutRemovalDetails extends DbHistoryEventHandler {

    @Override
    protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
      return super.shouldWriteHistoricDetail(event) && !event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_DELETE);
    }
  }

  private record Filter(HistoryEventHandler delegate) implements HistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      if (isKept(event)) {
        delegate.handleEvent(event);
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }
  }
}
