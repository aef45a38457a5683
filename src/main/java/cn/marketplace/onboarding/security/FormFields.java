package cn.marketplace.onboarding.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The fields of a deployed Camunda form ({@code .form}, form-js JSON): those a user fills in, and
 * those the form only shows ({@code disabled} or {@code readonly}), by key, groups included.
 */
record FormFields(String formId, Set<String> editable, Set<String> shown) {

  static FormFields read(InputStream form, ObjectMapper json) throws IOException {
    JsonNode root = json.readTree(form);
    Set<String> editable = new LinkedHashSet<>();
    Set<String> shown = new LinkedHashSet<>();
    collect(root.path("components"), editable, shown);
    return new FormFields(root.path("id").asText(), Set.copyOf(editable), Set.copyOf(shown));
  }

  private static void collect(JsonNode components, Set<String> editable, Set<String> shown) {
    for (JsonNode component : components) {
      String key = component.path("key").asText(null);
      if (key != null && !key.isEmpty()) {
        boolean onlyShown = component.path("disabled").asBoolean(false) || component.path("readonly").asBoolean(false);
        (onlyShown ? shown : editable).add(key);
      }
      collect(component.path("components"), editable, shown);
    }
  }
}
