package cn.marketplace.onboarding.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;

/** MyBatis statements we copied from Camunda's jars, read from the classpath to guard the copies. */
final class CopiedStatements {

  private CopiedStatements() {}

  static String resource(String path) throws IOException {
    try (InputStream in = CopiedStatements.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The element {@code <tag id="id">…</tag>} of a mapper, as written. */
  static String element(String xml, String tag, String id) {
    Matcher element = Pattern.compile("<" + tag + " id=\"" + Pattern.quote(id) + "\"[\\s>].*?</" + tag + ">",
        Pattern.DOTALL).matcher(xml);
    assertThat(element.find()).as("<%s id=\"%s\">", tag, id).isTrue();
    return element.group();
  }

  static String sha256(String text) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * What {@code work} answers with the engine's statements in place of ours: our routes ({@code replaced},
   * per database) taken out of the engine's table of database variants, and the engine's own variants
   * that ours replaced ({@code enginesVariants}, per database) put back.
   */
  static <T> T withTheEngineStatements(ProcessEngine engine, Map<String, Map<String, String>> replaced,
      Map<String, Map<String, String>> enginesVariants, Supplier<T> work) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    DbSqlSessionFactory statements = configuration.getDbSqlSessionFactory();
    Map<String, String> ours = statements.getStatementMappings();
    Map<String, String> enginesOnly = new HashMap<>(ours);
    replaced.get(configuration.getDatabaseType()).keySet().forEach(enginesOnly::remove);
    enginesOnly.putAll(enginesVariants.getOrDefault(configuration.getDatabaseType(), Map.of()));
    statements.setStatementMappings(enginesOnly);
    try {
      return work.get();
    } finally {
      statements.setStatementMappings(ours);
    }
  }
}
