package cn.marketplace.onboarding.engine;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;
import org.springframework.stereotype.Component;

/**
 * The processes call Java delegates and expressions only, so the engine resolves no script engine:
 * a diagram with a script (task, listener, condition, input mapping) fails when it runs instead of
 * executing code that arrived with a deployment. Lift this only together with a reviewed need.
 */
@Component
public class ScriptingDisabled extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setScriptEngineResolver(new RefusingResolver());
  }

  static final class RefusingResolver implements ScriptEngineResolver {

    private final ScriptEngineManager manager = new ScriptEngineManager(null);

    @Override
    public void addScriptEngineFactory(ScriptEngineFactory factory) {
      // a plugin that brings a script engine changes nothing: no language is resolved
    }

    @Override
    public ScriptEngineManager getScriptEngineManager() {
      return manager;
    }

    @Override
    public ScriptEngine getScriptEngine(String language, boolean useCache) {
      throw new ProcessEngineException("Script engines are disabled in this product; '" + language
          + "' scripts do not run. Use a Java delegate.");
    }
  }
}
