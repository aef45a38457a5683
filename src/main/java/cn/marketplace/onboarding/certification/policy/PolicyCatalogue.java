package cn.marketplace.onboarding.certification.policy;

import cn.marketplace.onboarding.rules.RuleId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code docs/policies.md}: every rule's severity under each shipped policy, its thresholds and the
 * source the policy takes it from, generated from the policy files. {@code PolicyCatalogueTest} fails
 * when the document differs and says how to write it again.
 */
public final class PolicyCatalogue {

  private PolicyCatalogue() {}

  public static String render(List<CertificationPolicy> policies) {
    StringBuilder doc = new StringBuilder();
    doc.append("# Certification policies\n\n")
        .append("Generated from `src/main/resources/certification/policies/*.yaml` by `PolicyCatalogue`; do not edit.\n")
        .append("`PolicyCatalogueTest` fails when this file differs from what the policies generate; write it again with\n")
        .append("`./mvnw -o surefire:test@default-test -Dtest=PolicyCatalogueTest -Dpolicies.catalogue.write=true`.\n")
        .append("What each rule asks is in `docs/rules.md`. *does not apply*: the policy does not check the rule.\n\n");
    for (CertificationPolicy policy : policies) {
      doc.append("- **").append(policy.ref()).append("**: ").append(policy.title()).append(". ")
          .append(policy.basis()).append(".\n");
    }
    doc.append("\n| ID |");
    policies.forEach(p -> doc.append(' ').append(p.ref()).append(" |"));
    doc.append(" thresholds and source |\n|---|");
    policies.forEach(p -> doc.append("---|"));
    doc.append("---|\n");
    for (RuleId rule : RuleId.values()) {
      doc.append("| ").append(rule.id()).append(" |");
      for (CertificationPolicy policy : policies) {
        doc.append(' ').append(policy.severity(rule).map(s -> s.name().toLowerCase(Locale.ROOT)).orElse("does not apply"))
            .append(" |");
      }
      doc.append(' ').append(details(rule, policies)).append(" |\n");
    }
    for (CertificationPolicy policy : policies) {
      for (RuleId rule : RuleId.values()) {
        policy.rulePolicy(rule).ifPresent(rp -> new TreeMap<>(rp.thresholds().values()).forEach((key, value) -> {
          if (isTable(value)) {
            doc.append("\n## ").append(rule.id()).append(' ').append(key).append(" under ").append(policy.ref()).append("\n\n")
                .append(table((List<?>) value));
          }
        }));
      }
    }
    for (CertificationPolicy policy : policies) {
      if (!policy.notChecked().isEmpty()) {
        doc.append("\n## Not checked under ").append(policy.ref()).append("\n\n| check | source | why |\n|---|---|---|\n");
        policy.notChecked().forEach(n -> doc.append("| ").append(n.check()).append(" | ").append(n.source())
            .append(" | ").append(n.why()).append(" |\n"));
      }
    }
    return doc.toString();
  }

  private static String details(RuleId rule, List<CertificationPolicy> policies) {
    return policies.stream().map(policy -> policy.rulePolicy(rule).map(rp -> {
      Map<String, Object> thresholds = new TreeMap<>(rp.thresholds().values());
      String values = thresholds.entrySet().stream()
          .map(e -> e.getKey() + " " + (isTable(e.getValue()) ? "(table below)" : e.getValue()))
          .collect(Collectors.joining(", "));
      String source = rp.source() == null ? "" : rp.source();
      if (values.isEmpty() && source.isEmpty()) {
        return "";
      }
      return policy.ref() + ": " + (values.isEmpty() ? "" : "`" + values.replace("|", "\\|") + "`")
          + (source.isEmpty() ? "" : (values.isEmpty() ? "" : " ") + "(" + source + ")");
    }).orElse("")).filter(s -> !s.isEmpty()).collect(Collectors.joining("; "));
  }

  /** A threshold that is a list of entries with many fields (a table of minimums) reads better as a table. */
  private static boolean isTable(Object value) {
    return value instanceof List<?> list && list.size() > 8 && list.stream().allMatch(Map.class::isInstance);
  }

  private static String table(List<?> rows) {
    List<String> columns = rows.stream().flatMap(row -> ((Map<?, ?>) row).keySet().stream()).map(String::valueOf)
        .distinct().toList();
    StringBuilder table = new StringBuilder("| ").append(String.join(" | ", columns)).append(" |\n|")
        .append("---|".repeat(columns.size())).append('\n');
    for (Object row : rows) {
      Map<?, ?> entry = (Map<?, ?>) row;
      table.append("| ").append(columns.stream()
          .map(column -> entry.containsKey(column) ? cell(entry.get(column)) : "")
          .collect(Collectors.joining(" | "))).append(" |\n");
    }
    return table.toString();
  }

  private static String cell(Object value) {
    String text = value instanceof List<?> list
        ? list.stream().map(String::valueOf).collect(Collectors.joining(", ")) : String.valueOf(value);
    return text.replace("|", "\\|");
  }
}
