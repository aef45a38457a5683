package cn.marketplace.onboarding.certification.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The thresholds a policy gives one rule ({@code thresholds:} in the policy file), read by the rule's
 * check. A check asking for a threshold the policy lacks is a fault of the policy file, named with its
 * policy and rule; {@code PolicyFilesTest} finds it before a run does.
 */
public record Thresholds(String owner, Map<String, Object> values) {

  public Thresholds {
    // a threshold may be null on purpose ("no recommendation"): kept, unlike Map.copyOf
    values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
  }

  public String text(String key) {
    return String.valueOf(required(key));
  }

  public Optional<String> optionalText(String key) {
    return Optional.ofNullable(values.get(key)).map(String::valueOf);
  }

  public long number(String key) {
    Object value = required(key);
    if (value instanceof Number number) {
      return number.longValue();
    }
    try {
      return Long.parseLong(String.valueOf(value).strip());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(owner + ": threshold " + key + " is not a whole number: " + value);
    }
  }

  public Optional<Long> optionalNumber(String key) {
    return values.containsKey(key) && values.get(key) != null ? Optional.of(number(key)) : Optional.empty();
  }

  public boolean flag(String key) {
    Object value = required(key);
    if (value instanceof Boolean flag) {
      return flag;
    }
    throw new IllegalStateException(owner + ": threshold " + key + " is not true or false: " + value);
  }

  /** A list of texts; a missing key is an empty list only where the policy says {@code []}. */
  public List<String> texts(String key) {
    Object value = required(key);
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    throw new IllegalStateException(owner + ": threshold " + key + " is not a list: " + value);
  }

  /** A map of texts, e.g. the serial console per architecture. */
  public Map<String, String> textMap(String key) {
    Object value = required(key);
    if (value instanceof Map<?, ?> map) {
      java.util.Map<String, String> texts = new java.util.LinkedHashMap<>();
      map.forEach((k, v) -> texts.put(String.valueOf(k), String.valueOf(v)));
      return texts;
    }
    throw new IllegalStateException(owner + ": threshold " + key + " is not a map: " + value);
  }

  /**
   * A list of entries, each with thresholds of its own (e.g. the approved Windows bases, each with its
   * name, build and editions); a fault in an entry names the policy, the rule, the key and the entry.
   */
  public List<Thresholds> entries(String key) {
    Object value = required(key);
    if (!(value instanceof List<?> list)) {
      throw new IllegalStateException(owner + ": threshold " + key + " is not a list: " + value);
    }
    List<Thresholds> entries = new java.util.ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> map)) {
        throw new IllegalStateException(owner + ": threshold " + key + "[" + i + "] is not a map: " + list.get(i));
      }
      Map<String, Object> values = new java.util.LinkedHashMap<>();
      map.forEach((k, v) -> values.put(String.valueOf(k), v));
      entries.add(new Thresholds(owner + " " + key + "[" + i + "]", values));
    }
    return entries;
  }

  private Object required(String key) {
    if (!values.containsKey(key)) {
      throw new IllegalStateException(owner + " has no threshold " + key);
    }
    return values.get(key);
  }
}
