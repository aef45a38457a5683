package cn.marketplace.onboarding.security;

import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps secrets out of the engine's history. A form that carries a SAS URI or a VM credential sets it
 * as a process variable for the length of one command (the first step moves it into encrypted storage
 * and removes it); with full history the engine would still write its value to ACT_HI_VARINST and
 * ACT_HI_DETAIL, and keep it there after the removal. This handler drops every history event of a
 * variable whose name says it is a secret, and passes all others to the engine's own handlers (the
 * database and, with the starter's eventing, the Spring events the metrics count). It wraps the
 * composite the engine built after initialisation: setting a handler before would replace the
 * custom handlers instead of filtering them.
 */
@Component
class SecretVariablesHistoryFilter extends AbstractProcessEnginePlugin {

  /** Names of variables that are never written to history: {@code osVhdUri}, {@code vmPassword}, ... */
  static final Pattern SECRET_NAMES = Pattern.compile("(?i).*(uri|uris|password|privatekey|passphrase|secret|token)");

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryEventHandler(new Filter(configuration.getHistoryEventHandler()));
  }

  static boolean isSecret(String variableName) {
    return variableName != null && SECRET_NAMES.matcher(variableName).matches();
  }

  private record Filter(HistoryEventHandler delegate) implements HistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      boolean secret = event instanceof HistoricVariableUpdateEventEntity variable && isSecret(variable.getVariableName())
          || event instanceof HistoricFormPropertyEventEntity property && isSecret(property.getPropertyId());
      if (!secret) {
        delegate.handleEvent(event);
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }
  }
}
