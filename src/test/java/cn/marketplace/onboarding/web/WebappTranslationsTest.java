package cn.marketplace.onboarding.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tasklist, Cockpit and Admin speak Simplified Chinese to a zh browser: the product's
 * {@code locales/zh.json} beside each app has a translation for every label the webapp jar's own
 * {@code en.json} has (the keys its screens use), keeps each label's placeholders, and each app's
 * {@code scripts/config.js} offers it with English as the fallback. The vendor's migration banner is
 * neither translated nor shown.
 */
class WebappTranslationsTest {

  private static final String APP = "META-INF/resources/webjars/camunda/app/";
  private static final String BANNER = "BANNER_CE_EOL_TEXT";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}|\\{}");

  private final ObjectMapper json = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin"})
  void everyLabelOfTheWebappHasAChineseTranslation(String app) throws IOException {
    JsonNode english = labels(fromWebappJar(app + "/locales/en.json"));
    JsonNode chinese = labels(fromProduct(app + "/locales/zh.json"));

    List<String> untranslated = new ArrayList<>();
    List<String> placeholdersLost = new ArrayList<>();
    english.fieldNames().forEachRemaining(key -> {
      String source = english.get(key).asText();
      JsonNode translation = chinese.get(key);
      if (key.equals(BANNER) || source.isBlank()) {
        return;
      }
      if (translation == null || translation.asText().isBlank()) {
        untranslated.add(key);
      } else if (!placeholders(source).equals(placeholders(translation.asText()))) {
        placeholdersLost.add(key + ": " + translation.asText());
      }
    });
    assertThat(untranslated).as("%s labels without a zh translation", app).isEmpty();
    assertThat(placeholdersLost).as("%s translations that lost a {{placeholder}}", app).isEmpty();
    assertThat(chinese.get("PAGE_LOGIN_SIGN_IN_ACTION").asText()).isEqualTo("登录");
    assertThat(chinese.get(BANNER).asText()).as("the migration banner has no text").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin"})
  void chineseDatesAndMonthNames(String app) throws IOException {
    JsonNode dateLocales = json.readTree(fromProduct(app + "/locales/zh.json")).get("dateLocales");
    assertThat(dateLocales.at("/longDateFormat/LLL").asText()).isEqualTo("YYYY年M月D日 LT");
    assertThat(dateLocales.get("months")).hasSize(12);
    assertThat(dateLocales.get("weekdays").get(1).asText()).isEqualTo("星期一");
  }

  /**
   * The webapps load the English fallback after the Chinese file, and a file's date settings switch the
   * date library to its language: the product's en.json is the jar's labels without date settings, so
   * a zh browser keeps Chinese relative times ("5 天后") and an English one the library's own English.
   */
  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin"})
  void theEnglishFallbackKeepsTheJarsLabelsAndLeavesTheDatesAlone(String app) throws IOException {
    JsonNode english = json.readTree(fromProduct(app + "/locales/en.json"));
    assertThat(english.has("dateLocales")).as("%s en.json switches no date settings", app).isFalse();
    assertThat(english.get("labels")).isEqualTo(labels(fromWebappJar(app + "/locales/en.json")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin"})
  void configurationOffersChineseAndHidesTheBanner(String app) throws IOException {
    String config = text(fromProduct(app + "/scripts/config.js"));
    assertThat(config.replaceAll("\\s", ""))
        .contains("availableLocales:['en','zh']")
        .contains("fallbackLocale:'en'");
    assertThat(text(fromProduct(app + "/styles/user-styles.css"))).containsPattern("\\.ce-eol-banner\\s*\\{\\s*display:\\s*none");
    // the stock index.html loads both files this product replaces
    String index = text(fromWebappJar(app + "/index.html"));
    assertThat(index).contains("/app/" + app + "/styles/user-styles.css");
  }

  private JsonNode labels(InputStream in) throws IOException {
    JsonNode labels = json.readTree(in).get("labels");
    assertThat(labels).isNotNull();
    return labels;
  }

  private static List<String> placeholders(String text) {
    List<String> names = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1) == null ? "{}" : matcher.group(1));
    }
    Collections.sort(names);
    return names;
  }

  /** The resource from the Camunda webapp jar itself, not the product's file of the same name. */
  private static InputStream fromWebappJar(String path) throws IOException {
    for (URL url : Collections.list(WebappTranslationsTest.class.getClassLoader().getResources(APP + path))) {
      if ("jar".equals(url.getProtocol()) && url.getPath().contains("camunda-webapp-webjar")) {
        return url.openStream();
      }
    }
    throw new AssertionError(APP + path + " is not in the Camunda webapp jar");
  }

  /** The product's own file, which the webapps serve in place of the jar's. */
  private static InputStream fromProduct(String path) throws IOException {
    for (URL url : Collections.list(WebappTranslationsTest.class.getClassLoader().getResources(APP + path))) {
      if ("file".equals(url.getProtocol())) {
        return url.openStream();
      }
    }
    throw new AssertionError(APP + path + " is not among the product's resources");
  }

  private static String text(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
