package cn.marketplace.onboarding.engine;

import java.util.List;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The engine's FEEL engine (decision tables only; our processes have none) built when a decision
 * first evaluates FEEL, not at every start: the Scala FEEL engine is over 300 classes that the engine
 * otherwise loads and initialises while it is built. Same engine, same custom functions, once.
 */
@Component
class FeelOnFirstUse extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.isDmnFeelEnableLegacyBehavior()) {
      return;
    }
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
        ? configuration.getDmnEngineConfiguration()
        : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    if (dmn.getFeelEngineFactory() == null) {
      dmn.setFeelEngineFactory(() -> new OnFirstUse(SingletonSupplier.of(() -> scalaFeelEngine(configuration))));
      configuration.setDmnEngineConfiguration(dmn);
    }
  }

  /** With the custom functions the engine's configuration handed to the DMN engine, as Camunda builds it. */
  private static FeelEngine scalaFeelEngine(ProcessEngineConfigurationImpl configuration) {
    List<FeelCustomFunctionProvider> functions = configuration.getDmnEngineConfiguration().getFeelCustomFunctionProviders();
    return (functions == null ? new ScalaFeelEngineFactory() : new ScalaFeelEngineFactory(functions)).createInstance();
  }

  private record OnFirstUse(SingletonSupplier<FeelEngine> engine) implements FeelEngine {

    @Override
    public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
      return engine.obtain().evaluateSimpleExpression(expression, variableContext);
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
      return engine.obtain().evaluateSimpleUnaryTests(expression, inputVariable, variableContext);
    }
  }
}
