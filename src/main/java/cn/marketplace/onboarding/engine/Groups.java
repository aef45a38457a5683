package cn.marketplace.onboarding.engine;

import java.util.List;

/** The Camunda groups that the diagrams, grants and filters name. */
public final class Groups {

  public static final String REVIEWERS = "marketplace-reviewers";
  public static final String ACCOUNT_MANAGERS = "account-managers";
  public static final String SUPPORT = "marketplace-support";
  public static final String OPERATIONS = "operations";
  public static final String PUBLISHERS = "publishers";
  public static final String ADMIN = org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN;

  /** Everybody who works for the marketplace, as opposed to the publishers. */
  public static final List<String> STAFF = List.of(REVIEWERS, ACCOUNT_MANAGERS, SUPPORT, OPERATIONS, ADMIN);

  /** Staff groups and the publishers' common group, with their display names. */
  public static final List<String[]> ALL = List.of(
      new String[] {REVIEWERS, "Marketplace reviewers"},
      new String[] {ACCOUNT_MANAGERS, "Account managers"},
      new String[] {SUPPORT, "Marketplace support team"},
      new String[] {OPERATIONS, "Operations"},
      new String[] {PUBLISHERS, "Publishers"});

  private Groups() {}
}
