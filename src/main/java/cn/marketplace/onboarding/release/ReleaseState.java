package cn.marketplace.onboarding.release;

/**
 * Where a release of an offer stands. Each state shows in the catalogue as one of its states
 * ({@code inReview}, {@code staging}, {@code scheduled}, {@code live}, ...); a release that ended
 * gives the process its {@code releaseStatus}.
 */
public enum ReleaseState {
  /** STG-1: waiting for the support team's review. */
  IN_REVIEW("inReview", null),
  /** The support team sent it back; the publisher fixes and resubmits. */
  CHANGES_REQUESTED("inReview", null),
  /** STG-2, STG-3: in the pre-release environment, visible to its publisher only. */
  STAGING("staging", null),
  /** STG-3: the publisher asked for production in a preferred window. */
  PRODUCTION_REQUESTED("staging", null),
  /** REL-1: a release time is agreed; the timer waits for it. */
  SCHEDULED("scheduled", null),
  LIVE("live", "released"),
  /** A newer release of the offer went live. */
  SUPERSEDED("superseded", "released"),
  /** Stop-sell: customers who have it keep it; nobody new can buy it (PRICE-5's way out). */
  RETIRED("retired", "released"),
  WITHDRAWN("withdrawn", "withdrawn"),
  /** Not verified in staging in time. */
  LAPSED("withdrawn", "withdrawn"),
  /** Sent back and not resubmitted. */
  REJECTED("rejected", "rejected");

  private final String catalogueState;
  private final String releaseStatus;

  ReleaseState(String catalogueState, String releaseStatus) {
    this.catalogueState = catalogueState;
    this.releaseStatus = releaseStatus;
  }

  public String catalogueState() {
    return catalogueState;
  }

  /** The process's {@code releaseStatus} once the release ended this way. */
  public String releaseStatus() {
    if (releaseStatus == null) {
      throw new IllegalStateException(this + " is not an end of a release");
    }
    return releaseStatus;
  }

  /** Whether the release still runs: no other release of its offer may start. */
  public boolean isOpen() {
    return releaseStatus == null;
  }
}
