package cn.marketplace.onboarding.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import cn.marketplace.onboarding.testsupport.StoredRows;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Offers, SKUs and image versions keep each change that is saved, with the references between them. */
@OnboardingSpringTest
class CatalogStorageTest {

  private static final Instant T0 = Instant.parse("2026-03-02T08:15:30Z");
  private static final Instant T1 = Instant.parse("2026-03-09T10:00:00Z");

  @Autowired OfferRepository offers;
  @Autowired SkuRepository skus;
  @Autowired ImageVersionRepository versions;
  @Autowired JdbcTemplate jdbc;

  @Test
  void anOfferItsSkuAndItsImageVersionKeepTheirChanges() {
    StoredRows rows = new StoredRows(jdbc);
    String publisherId = rows.publisher();
    Offer offer = offers.save(new Offer(publisherId, "contoso-db", "Contoso DB", T0));
    Offer loadedOffer = offers.findByPublisherIdAndOfferId(publisherId, "contoso-db").orElseThrow();
    assertThat(loadedOffer.isNew()).isFalse();
    loadedOffer.rename("Contoso Database", T1);
    offers.save(loadedOffer);
    assertThat(offers.findByPublisherIdOrderByOfferId(publisherId)).extracting(Offer::getName)
        .containsExactly("Contoso Database");

    Sku sku = new Sku(offer, "standard-2026", T0);
    sku.describe("Contoso DB on Ubuntu", "byol", null, "linux", T0);
    sku.declareImageType(ImageType.of("gen2", "arm64"), T0);
    skus.save(sku);
    Sku loadedSku = skus.findByPublisherIdAndSkuId(publisherId, "standard-2026").orElseThrow();
    assertThat(loadedSku.isSummaryLocked()).isFalse();
    loadedSku.lockSummary(T1);
    loadedSku.describe("Contoso DB on Ubuntu 24.04", "freeTrial", 30, "linux", T1);
    skus.save(loadedSku);
    assertThat(skus.findByOfferRefOrderBySkuId(offer.getId())).singleElement().satisfies(s -> {
      assertThat(s.isSummaryLocked()).isTrue();
      assertThat(s.getSummary()).isEqualTo("Contoso DB on Ubuntu 24.04");
      assertThat(s.getPricingModel()).isEqualTo("freeTrial");
      assertThat(s.getTrialDays()).isEqualTo(30);
      assertThat(s.getImageType()).isEqualTo(ImageType.of("gen2", "arm64"));
      assertThat(s.getOfferRef()).isEqualTo(offer.getId());
    });

    String submissionId = rows.submission(publisherId);
    ImageVersion version = versions.save(new ImageVersion(sku, "1.0.0", submissionId, T0));
    ImageVersion loadedVersion = versions.findBySubmissionId(submissionId).orElseThrow();
    loadedVersion.certify();
    versions.save(loadedVersion);
    assertThat(versions.findById(version.getId()).orElseThrow().getStatus()).isEqualTo(ImageVersion.Status.CERTIFIED);
    ImageVersion certified = versions.findBySkuRef(sku.getId()).get(0);
    certified.markReleased();
    versions.save(certified);
    assertThat(versions.findById(version.getId()).orElseThrow().getStatus()).isEqualTo(ImageVersion.Status.RELEASED);

    Sku other = new Sku(offer, "trial-2026", T0);
    other.describe("Contoso DB trial", "freeTrial", 30, "linux", T0);
    other.declareImageType(ImageType.X64_GEN1, T0);
    skus.save(other);
    ImageVersion resubmitted = versions.findById(version.getId()).orElseThrow();
    resubmitted.resubmitted(other, "1.0.1");
    versions.save(resubmitted);
    assertThat(versions.findBySkuRef(other.getId())).singleElement().satisfies(v -> {
      assertThat(v.getVersion()).isEqualTo("1.0.1");
      assertThat(v.getStatus()).isEqualTo(ImageVersion.Status.VHDS_ACCEPTED);
    });
    assertThat(versions.findBySkuRef(sku.getId())).isEmpty();
  }
}
