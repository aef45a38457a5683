package cn.marketplace.onboarding.rules;

import com.fasterxml.jackson.annotation.JsonValue;

/** The outcome of one check, as findings report it: {@code pass}, {@code warning} or {@code fail}. */
public enum Result {
  PASS("pass"),
  WARNING("warning"),
  FAIL("fail");

  private final String value;

  Result(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  public static Result of(String value) {
    for (Result result : values()) {
      if (result.value.equals(value)) {
        return result;
      }
    }
    throw new IllegalArgumentException("unknown result: " + value);
  }
}
