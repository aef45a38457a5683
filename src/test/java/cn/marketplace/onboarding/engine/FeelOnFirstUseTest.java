package cn.marketplace.onboarding.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Decision tables' FEEL still evaluates, with the FEEL engine built at its first use instead of at start. */
@OnboardingSpringTest
class FeelOnFirstUseTest {

  @Autowired ProcessEngine processEngine;

  @Test
  void theDecisionEnginesFeelEvaluatesUnaryTestsAndExpressions() {
    FeelEngine feel = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getDmnEngineConfiguration().getFeelEngine();

    assertThat(feel.evaluateSimpleUnaryTests("> 5", "disks",
        Variables.createVariables().putValue("disks", 7).asVariableContext())).isTrue();
    assertThat(feel.evaluateSimpleUnaryTests("[1..5]", "disks",
        Variables.createVariables().putValue("disks", 7).asVariableContext())).isFalse();
    Object size = feel.evaluateSimpleExpression("if disks > 5 then \"large\" else \"small\"",
        Variables.createVariables().putValue("disks", 2).asVariableContext());
    assertThat(size).isEqualTo("small");
  }
}
