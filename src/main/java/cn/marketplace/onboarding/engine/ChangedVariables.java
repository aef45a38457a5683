package cn.marketplace.onboarding.engine;

import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Sets variables where they change: the engine writes a history row (full history) for every
 * {@code setVariable}, also of the value the variable holds already.
 */
public final class ChangedVariables {

  private ChangedVariables() {}

  /**
   * Sets each of {@code values} that {@code scope} does not hold already with an equal value. A variable
   * held nowhere counts as null, so null where there is none writes nothing (a form hides both alike).
   */
  public static void set(VariableScope scope, Map<String, ?> values) {
    values.forEach((name, value) -> {
      if (!Objects.equals(scope.getVariable(name), value)) {
        scope.setVariable(name, value);
      }
    });
  }
}
