package cn.marketplace.onboarding.application;

import java.util.Set;

/** ISO 3166-2:CN codes of the 31 province-level divisions of mainland China (APPLY-3). */
final class MainlandRegions {

  static final Set<String> CODES = Set.of(
      "CN-AH", "CN-BJ", "CN-CQ", "CN-FJ", "CN-GD", "CN-GS", "CN-GX", "CN-GZ", "CN-HA", "CN-HB",
      "CN-HE", "CN-HI", "CN-HL", "CN-HN", "CN-JL", "CN-JS", "CN-JX", "CN-LN", "CN-NM", "CN-NX",
      "CN-QH", "CN-SC", "CN-SD", "CN-SH", "CN-SN", "CN-SX", "CN-TJ", "CN-XJ", "CN-XZ", "CN-YN",
      "CN-ZJ");

  /** Hong Kong, Macao and Taiwan: in ISO 3166-2:CN, but not mainland (APPLY-3). */
  static final Set<String> OUTSIDE_MAINLAND = Set.of("CN-HK", "CN-MO", "CN-TW");

  private MainlandRegions() {}
}
