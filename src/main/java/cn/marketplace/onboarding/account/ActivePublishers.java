package cn.marketplace.onboarding.account;

import static cn.marketplace.onboarding.rules.Finding.fail;

import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import java.util.Collection;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who a caller is as a publisher, and whether that publisher may publish: the one answer behind
 * ACCT-2 (image submissions) and ACT-1 (releases). The publisher comes from the caller's
 * {@code isv-<id>} group and the product's records, never from anything the caller sent.
 */
@Component
public class ActivePublishers {

  /** Why a caller may not act for a publisher. */
  public enum Refused {
    /** The caller belongs to no publisher. */
    NOT_A_PUBLISHER,
    /** The caller's publisher has not activated publishing yet. */
    NOT_ACTIVE
  }

  /** The caller's active publisher, or why there is none as a failed finding of the rule asked about. */
  public record Standing(Publisher publisher, Refused refused, Finding finding) {

    public boolean active() {
      return publisher != null;
    }
  }

  private final PublisherRepository publishers;

  ActivePublishers(PublisherRepository publishers) {
    this.publishers = publishers;
  }

  /**
   * @param rule the rule the caller's step is refused under; its messages {@code <ID>.no-publisher}
   *     and {@code <ID>.not-active} say why, in both languages
   */
  public Standing of(Collection<String> callerGroups, RuleId rule) {
    Optional<String> publisherId = Groups.publisherIdOf(callerGroups);
    if (publisherId.isEmpty()) {
      return new Standing(null, Refused.NOT_A_PUBLISHER,
          fail(rule, "publisher", rule.id() + ".no-publisher", "publisher"));
    }
    return publishers.findById(publisherId.get()).filter(Publisher::isActive)
        .map(publisher -> new Standing(publisher, null, null))
        .orElseGet(() -> new Standing(null, Refused.NOT_ACTIVE,
            fail(rule, "publisher", rule.id() + ".not-active", "publisher", publisherId.get())));
  }
}
