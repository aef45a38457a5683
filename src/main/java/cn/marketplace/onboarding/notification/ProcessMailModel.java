package cn.marketplace.onboarding.notification;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The values a mail template may use from a process: plain values only, and never a variable whose
 * name says it carries a secret or a storage address.
 */
public final class ProcessMailModel {

  private static final Pattern SECRET_NAMES =
      Pattern.compile("(?i).*(password|privatekey|passphrase|secret|token|sas|uri|key)$");

  private ProcessMailModel() {}

  public static Map<String, Object> of(VariableScope scope) {
    Map<String, Object> model = new HashMap<>();
    scope.getVariables().forEach((name, value) -> {
      if (!SECRET_NAMES.matcher(name).matches() && (value instanceof CharSequence || value instanceof Number
          || value instanceof Boolean || value instanceof java.util.Date)) {
        model.put(name, value);
      }
    });
    return model;
  }
}
