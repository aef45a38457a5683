package cn.marketplace.onboarding.notification;

import cn.marketplace.onboarding.engine.OnboardingProperties;
import cn.marketplace.onboarding.engine.SecretNames;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The values a mail template may use from a process: plain values only, never a variable whose
 * name says it carries a secret or a storage address, plus {@code baseUrl} and
 * {@code processInstanceId}.
 */
@Component
public class ProcessMailModel {

  private final OnboardingProperties properties;

  ProcessMailModel(OnboardingProperties properties) {
    this.properties = properties;
  }

  public Map<String, Object> of(DelegateExecution execution) {
    Map<String, Object> model = new HashMap<>();
    execution.getVariables().forEach((name, value) -> {
      if (!SecretNames.isSecret(name) && (value instanceof CharSequence || value instanceof Number
          || value instanceof Boolean || value instanceof java.util.Date)) {
        model.put(name, value);
      }
    });
    model.put("baseUrl", properties.baseUrl());
    model.put("processInstanceId", execution.getProcessInstanceId());
    return model;
  }
}
