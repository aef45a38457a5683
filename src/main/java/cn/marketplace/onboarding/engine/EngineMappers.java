package cn.marketplace.onboarding.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/** Our MyBatis statements beside the engine's, in the engine's own session factory. */
final class EngineMappers {

  private EngineMappers() {}

  /** Loads the mapper at {@code path} once: several engines in one JVM may share a session factory. */
  static void load(ProcessEngineConfigurationImpl engine, String path) {
    Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
    if (mybatis.isResourceLoaded(path)) {
      return;
    }
    try (InputStream mapper = EngineMappers.class.getClassLoader().getResourceAsStream(path)) {
      if (mapper == null) {
        throw new IllegalStateException(path + " is missing from the classpath");
      }
      new XMLMapperBuilder(mapper, mybatis, path, mybatis.getSqlFragments()).parse();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
