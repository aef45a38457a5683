package cn.marketplace.onboarding.engine;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The Camunda groups that the diagrams, grants and filters name, and the group of each publisher's
 * users ({@code isv-<publisherId>}): the one place that knows group names and what a caller's groups say.
 */
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

  /** The prefix of a publisher's group. */
  public static final String PUBLISHER_PREFIX = "isv-";

  private Groups() {}

  /** The group of the users of {@code publisherId}. */
  public static String publisher(String publisherId) {
    return PUBLISHER_PREFIX + publisherId;
  }

  /** The publisher of the caller's {@code isv-<id>} group, if the caller has one. */
  public static Optional<String> publisherIdOf(Collection<String> groups) {
    return groups.stream().filter(g -> g.startsWith(PUBLISHER_PREFIX)).map(g -> g.substring(PUBLISHER_PREFIX.length()))
        .findFirst();
  }
}
