package cn.marketplace.onboarding.certification.policy;

import cn.marketplace.onboarding.rules.PolicyRef;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.Severity;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Every certification policy the product ships, one YAML file per version under
 * {@code certification/policies/} named {@code <policy>-v<version>.yaml}. A file that names an
 * unknown rule or severity, or whose name does not match its content, stops the start.
 */
@Component
public class CertificationPolicies {

  static final String LOCATION = "classpath*:certification/policies/*.yaml";
  private static final YAMLMapper YAML = new YAMLMapper();

  private final Map<PolicyRef, CertificationPolicy> policies;

  public CertificationPolicies() {
    this(load());
  }

  CertificationPolicies(Collection<CertificationPolicy> policies) {
    Map<PolicyRef, CertificationPolicy> byRef = new LinkedHashMap<>();
    policies.stream().sorted(Comparator.comparing(CertificationPolicy::id).thenComparing(CertificationPolicy::version))
        .forEach(policy -> byRef.put(policy.ref(), policy));
    this.policies = Map.copyOf(byRef);
  }

  /** A policy the product ships, outside a Spring context (tools, benchmarks). */
  public static CertificationPolicy shipped(String id, String version) {
    return new CertificationPolicies().get(new PolicyRef(id, version));
  }

  public Optional<CertificationPolicy> find(PolicyRef ref) {
    return Optional.ofNullable(policies.get(ref));
  }

  public CertificationPolicy get(PolicyRef ref) {
    return find(ref).orElseThrow(() -> new IllegalStateException("no certification policy " + ref
        + " in certification/policies/"));
  }

  /** Every policy version, by id then version. */
  public List<CertificationPolicy> all() {
    return policies.values().stream()
        .sorted(Comparator.comparing(CertificationPolicy::id).thenComparing(CertificationPolicy::version)).toList();
  }

  static List<CertificationPolicy> load() {
    try {
      Resource[] files = new PathMatchingResourcePatternResolver().getResources(LOCATION);
      List<CertificationPolicy> loaded = new ArrayList<>();
      for (Resource file : files) {
        try (InputStream in = file.getInputStream()) {
          loaded.add(parse(file.getFilename(), in));
        }
      }
      if (loaded.isEmpty()) {
        throw new IllegalStateException("no certification policy found at " + LOCATION);
      }
      return loaded;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One policy file; {@code fileName} must be {@code <policy>-v<version>.yaml}. */
  @SuppressWarnings("unchecked")
  static CertificationPolicy parse(String fileName, InputStream in) throws IOException {
    Map<String, Object> file = YAML.readValue(in, new TypeReference<>() {});
    String id = text(file, "policy", fileName);
    String version = text(file, "version", fileName);
    if (!fileName.equals(id + "-v" + version + ".yaml")) {
      throw new IllegalStateException(fileName + " holds policy " + id + " version " + version
          + ": name it " + id + "-v" + version + ".yaml");
    }
    Map<RuleId, RulePolicy> rules = new LinkedHashMap<>();
    Map<String, Object> ruleEntries = (Map<String, Object>) file.getOrDefault("rules", Map.of());
    ruleEntries.forEach((ruleId, value) -> {
      RuleId rule;
      try {
        rule = RuleId.of(ruleId);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(fileName + ": unknown rule " + ruleId);
      }
      Map<String, Object> entry = value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
      String owner = id + " v" + version + " " + ruleId;
      rules.put(rule, new RulePolicy(severity(entry.get("severity"), fileName, ruleId),
          entry.get("source") == null ? null : String.valueOf(entry.get("source")),
          new Thresholds(owner, (Map<String, Object>) entry.getOrDefault("thresholds", Map.of()))));
    });
    List<NotChecked> notChecked = new ArrayList<>();
    for (Object item : (List<Object>) file.getOrDefault("not-checked", List.of())) {
      Map<String, Object> entry = (Map<String, Object>) item;
      notChecked.add(new NotChecked(text(entry, "check", fileName), String.valueOf(entry.get("source")),
          text(entry, "why", fileName)));
    }
    return new CertificationPolicy(id, version, text(file, "title", fileName),
        String.valueOf(file.getOrDefault("basis", "")), rules, notChecked);
  }

  private static Optional<Severity> severity(Object value, String fileName, String ruleId) {
    if (value == null) {
      throw new IllegalStateException(fileName + ": rule " + ruleId + " has no severity (BLOCK, WARN, REVIEW, INFO or none)");
    }
    String name = String.valueOf(value).strip().toUpperCase(Locale.ROOT);
    if (name.equals("NONE")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Severity.valueOf(name));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(fileName + ": rule " + ruleId + " has severity " + value
          + ", not one of BLOCK, WARN, REVIEW, INFO, none");
    }
  }

  private static String text(Map<String, Object> map, String key, String fileName) {
    Object value = map.get(key);
    if (value == null || String.valueOf(value).isBlank()) {
      throw new IllegalStateException(fileName + " has no " + key);
    }
    return String.valueOf(value).strip();
  }
}
