package cn.marketplace.onboarding.rules;

import java.util.Objects;

/**
 * The certification policy and version a finding was judged by, e.g. {@code azure-current} version
 * {@code 1}: the files under {@code src/main/resources/certification/policies/}.
 */
public record PolicyRef(String id, String version) {

  public PolicyRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
  }

  /** {@code azure-current v1}, as reports and mails show it. */
  @Override
  public String toString() {
    return id + " v" + version;
  }
}
