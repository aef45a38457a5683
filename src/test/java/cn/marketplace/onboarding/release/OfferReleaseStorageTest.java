package cn.marketplace.onboarding.release;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.catalog.Offer;
import cn.marketplace.onboarding.catalog.OfferRepository;
import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import cn.marketplace.onboarding.testsupport.StoredRows;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each step's change of a release is there when it is read again; its SKUs, written once at its start, are
 * there after every step, in the order of their ids.
 */
@OnboardingSpringTest
class OfferReleaseStorageTest {

  private static final Instant T0 = Instant.parse("2026-03-02T08:15:30Z");
  private static final Instant T1 = Instant.parse("2026-03-09T10:00:00Z");
  private static final ReleaseForm CONTENT = new ReleaseForm("contoso-db", "康托索数据库", "Contoso DB", "数据库",
      "A database", "康托索数据库服务器", "The Contoso database server", 30);

  @Autowired OfferReleaseRepository releases;
  @Autowired ReleasedSkus releasedSkus;
  @Autowired OfferRepository offers;
  @Autowired JdbcTemplate jdbc;

  @Test
  void everyStepOfAReleaseIsStoredWithItsSkus() {
    StoredRows rows = new StoredRows(jdbc);
    String publisherId = rows.publisher();
    Offer offer = offers.save(new Offer(publisherId, "contoso-db", "Contoso DB", T0));
    List<ReleasedSku> skus = List.of(released(rows, publisherId, offer, "trial-2026", "freeTrial"),
        released(rows, publisherId, offer, "byol-2026", "byol"));
    OfferRelease started = releases.save(OfferRelease.start(offer, CONTENT, "isv-user", T0));
    String id = started.getId();
    releasedSkus.add(id, skus);

    step(id, r -> r.attachTo("pi-" + id));
    OfferRelease linked = releases.findByProcessInstanceId("pi-" + id).orElseThrow();
    assertThat(linked.isNew()).isFalse();
    assertThat(linked.getOfferRef()).isEqualTo(offer.getId());
    assertThat(linked.content(offer)).isEqualTo(CONTENT);
    assertThat(releasedSkus.of(linked)).extracting(ReleasedSku::getSkuId).containsExactly("byol-2026", "trial-2026");
    assertThat(releasedSkus.of(linked)).extracting(ReleasedSku::getCertificationReportId)
        .containsExactly("report-byol-2026", "report-trial-2026");
    assertThat(releases.findByOpenOfferRef(offer.getId())).map(OfferRelease::getId).contains(id);

    step(id, r -> r.requestChanges("li", "Say more", T0));
    assertThat(releases.findById(id).orElseThrow().getState()).isEqualTo(ReleaseState.CHANGES_REQUESTED);
    ReleaseForm fixed = CONTENT.withContent(java.util.Map.of("titleEn", "Contoso Database"));
    step(id, r -> r.resubmit(fixed, T0));
    step(id, r -> r.approve("li", null, T0));
    step(id, r -> r.stage("https://example.cn/staging", T0));
    step(id, r -> r.requestProduction("next Monday", T0));
    step(id, r -> r.schedule(T1, "wang", T0));
    OfferRelease scheduled = releases.findByOfferRefAndState(offer.getId(), ReleaseState.SCHEDULED).get(0);
    assertThat(scheduled.content(offer).titleEn()).isEqualTo("Contoso Database");
    assertThat(scheduled.getReviewedBy()).isEqualTo("li");
    assertThat(scheduled.getStagingUrl()).isEqualTo("https://example.cn/staging");
    assertThat(scheduled.getPreferredWindow()).isEqualTo("next Monday");
    assertThat(scheduled.getReleaseAt()).isEqualTo(T1);
    assertThat(scheduled.getScheduledBy()).isEqualTo("wang");

    step(id, r -> r.goLive(T1));
    OfferRelease live = releases.findById(id).orElseThrow();
    assertThat(live.getState()).isEqualTo(ReleaseState.LIVE);
    assertThat(live.getReleasedBy()).isEqualTo("wang");
    assertThat(live.getReleasedAt()).isEqualTo(T1);
    assertThat(releasedSkus.of(live))
        .extracting(ReleasedSku::getSkuId, ReleasedSku::getImageVersionRef, ReleasedSku::getSummary, ReleasedSku::getPricingModel)
        .containsExactlyElementsOf(skus.stream().sorted(java.util.Comparator.comparing(ReleasedSku::getSkuId))
            .map(sku -> org.assertj.core.groups.Tuple.tuple(sku.getSkuId(), sku.getImageVersionRef(), sku.getSummary(),
                sku.getPricingModel())).toList());
    assertThat(releases.findByOpenOfferRef(offer.getId())).isEmpty();
    assertThat(releases.findByStateOrderByReleasedAtDesc(ReleaseState.LIVE)).extracting(OfferRelease::getId).contains(id);

    step(id, r -> r.supersede(T1));
    step(id, r -> r.retire(T1));
    assertThat(releases.findByOfferRefOrderByCreatedAtDesc(offer.getId())).singleElement()
        .satisfies(r -> assertThat(r.getState()).isEqualTo(ReleaseState.RETIRED));
  }

  @Test
  void anEndedReleaseFreesItsOffer() {
    StoredRows rows = new StoredRows(jdbc);
    String publisherId = rows.publisher();
    Offer offer = offers.save(new Offer(publisherId, "contoso-db", "Contoso DB", T0));
    String id = releases.save(OfferRelease.start(offer, CONTENT, "isv-user", T0)).getId();
    releasedSkus.add(id, List.of(released(rows, publisherId, offer, "byol-2026", "byol")));

    step(id, r -> r.close(ReleaseState.WITHDRAWN, T1));

    assertThat(releases.findById(id).orElseThrow().getState()).isEqualTo(ReleaseState.WITHDRAWN);
    assertThat(releases.findByOpenOfferRef(offer.getId())).isEmpty();
    OfferRelease next = releases.save(OfferRelease.start(offer, CONTENT, "isv-user", T1));
    assertThat(releases.findByOpenOfferRef(offer.getId())).map(OfferRelease::getId).contains(next.getId());

    // a list of releases reads the SKUs of all of them at once, each release's its own
    releasedSkus.add(next.getId(), List.of(released(rows, publisherId, offer, "trial-2026", "freeTrial"),
        released(rows, publisherId, offer, "basic-2026", "byol")));
    assertThat(releasedSkus.ofEach(releases.findByOfferRefOrderByCreatedAtDesc(offer.getId())))
        .hasSize(2)
        .hasEntrySatisfying(id, skus -> assertThat(skus).extracting(ReleasedSku::getSkuId).containsExactly("byol-2026"))
        .hasEntrySatisfying(next.getId(),
            skus -> assertThat(skus).extracting(ReleasedSku::getSkuId).containsExactly("basic-2026", "trial-2026"));
    assertThat(releasedSkus.ofEach(List.of())).isEmpty();
  }

  private static ReleasedSku released(StoredRows rows, String publisherId, Offer offer, String skuId, String model) {
    String skuRef = rows.sku(offer.getId(), publisherId, skuId);
    String version = rows.imageVersion(skuRef, rows.submission(publisherId), "1.0.0");
    return new ReleasedSku(skuRef, version, skuId, "1.0.0", "A SKU", model, "report-" + skuId);
  }

  /** One step as a service takes it: the release loaded, changed and saved. */
  private void step(String id, Consumer<OfferRelease> change) {
    OfferRelease release = releases.findById(id).orElseThrow();
    change.accept(release);
    releases.save(release);
  }
}
