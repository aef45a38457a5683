package cn.marketplace.onboarding.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of a deployed Camunda form ({@code .form}, form-js JSON): those a user fills in, those
 * the form only shows ({@code disabled} or {@code readonly}), by key, groups included; and the names
 * its texts ({@code {{name}}}) and expressions ({@code =name = "x"}) read, which it shows but never submits.
 */
record FormFields(String formId, Set<String> editable, Set<String> shown, Set<String> referenced) {

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{([^}]*)}}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  static FormFields read(InputStream form, ObjectMapper json) throws IOException {
    JsonNode root = json.readTree(form);
    Set<String> editable = new LinkedHashSet<>();
    Set<String> shown = new LinkedHashSet<>();
    Set<String> referenced = new LinkedHashSet<>();
    collect(root.path("components"), editable, shown, referenced);
    return new FormFields(root.path("id").asText(), Set.copyOf(editable), Set.copyOf(shown), Set.copyOf(referenced));
  }

  /** Every variable the form shows or fills in: what its form-variables may be asked for. */
  Set<String> readable() {
    Set<String> readable = new LinkedHashSet<>(editable);
    readable.addAll(shown);
    readable.addAll(referenced);
    return readable;
  }

  private static void collect(JsonNode components, Set<String> editable, Set<String> shown, Set<String> referenced) {
    for (JsonNode component : components) {
      String key = component.path("key").asText(null);
      if (key != null && !key.isEmpty()) {
        boolean onlyShown = component.path("disabled").asBoolean(false) || component.path("readonly").asBoolean(false);
        (onlyShown ? shown : editable).add(key);
      }
      referencedNames(component, referenced);
      collect(component.path("components"), editable, shown, referenced);
    }
  }

  private static void referencedNames(JsonNode node, Set<String> referenced) {
    for (Iterator<Map.Entry<String, JsonNode>> properties = node.fields(); properties.hasNext(); ) {
      Map.Entry<String, JsonNode> property = properties.next();
      JsonNode value = property.getValue();
      if (value.isTextual()) {
        String text = value.asText();
        if (text.startsWith("=")) {
          names(text.substring(1), referenced);
        }
        Matcher template = TEMPLATE.matcher(text);
        while (template.find()) {
          names(template.group(1), referenced);
        }
      } else if (value.isObject() && !"components".equals(property.getKey())) {
        referencedNames(value, referenced);
      }
    }
  }

  private static void names(String expression, Set<String> referenced) {
    Matcher name = NAME.matcher(expression.replaceAll("\"[^\"]*\"", ""));
    while (name.find()) {
      referenced.add(name.group());
    }
  }
}
