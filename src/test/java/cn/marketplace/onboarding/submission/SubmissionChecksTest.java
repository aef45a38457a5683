package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.certification.policy.CertificationPolicy;
import cn.marketplace.onboarding.testsupport.TestPolicies;
import cn.marketplace.onboarding.catalog.ImageVersionNumber;
import cn.marketplace.onboarding.catalog.SkuHistory;
import cn.marketplace.onboarding.catalog.ImageType;
import cn.marketplace.onboarding.certification.linux.CertificationProperties;
import cn.marketplace.onboarding.certification.linux.VmDestinationPolicy;
import static cn.marketplace.onboarding.submission.SubmissionFixtures.linux;
import static cn.marketplace.onboarding.submission.SubmissionFixtures.with;
import static cn.marketplace.onboarding.rules.Result.FAIL;
import static cn.marketplace.onboarding.rules.Result.PASS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Findings;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The submission rules one by one, each with a good and a bad case; no engine, no storage. */
class SubmissionChecksTest {

  private static final String PUBLISHER = "p0123456789";
  private final SubmissionChecks checks = new SubmissionChecks(new OfferProperties(
      List.of("Standard_B2s", "Standard_D2s_v3", "Standard_D4s_v3", "Standard_E4s_v3"), 16),
      new VmDestinationPolicy(CertificationProperties.defaults()));

  private List<Finding> check(SubmissionForm form) {
    return check(form, Optional.empty());
  }

  private List<Finding> check(SubmissionForm form, Optional<SkuHistory> sku) {
    return check(form, sku, TestPolicies.AZURE_CHINA_2015);
  }

  /** As the checks judge by azure-current, Microsoft's checks of today. */
  private List<Finding> checkToday(SubmissionForm form, Optional<SkuHistory> sku) {
    return check(form, sku, TestPolicies.AZURE_CURRENT);
  }

  private List<Finding> check(SubmissionForm form, Optional<SkuHistory> sku, CertificationPolicy policy) {
    List<Finding> findings = checks.check(PUBLISHER, form.normalized(), sku, policy);
    // every finding renders in both languages, naming its rule
    findings.forEach(f -> RuleMessages.renderAll(f).values()
        .forEach(message -> assertThat(message).startsWith("[" + f.ruleId().id() + "] ")));
    return findings;
  }

  private static List<Finding> failures(List<Finding> findings) {
    return Findings.failures(findings);
  }

  @Test
  void aValidLinuxSubmissionPassesEveryRule() {
    List<Finding> findings = check(linux());
    assertThat(failures(findings)).isEmpty();
    assertThat(findings).extracting(Finding::ruleId).contains(RuleId.OFFER_1, RuleId.OFFER_2, RuleId.SKU_3,
        RuleId.SKU_4, RuleId.PRICE_1, RuleId.SUB_1, RuleId.SUB_2, RuleId.CERT_1);
    assertThat(findings).filteredOn(f -> f.ruleId() == RuleId.SKU_3).singleElement()
        .satisfies(f -> assertThat(RuleMessages.render(f, RuleMessages.EN))
            .contains(PUBLISHER + "/contoso-db-standard-2026"));
  }

  @Test
  void offer2IdentifiersAreUrlSafeLowerCaseOfSensibleLength() {
    for (String bad : List.of("Contoso-DB", "contoso_db", "ab", "-contoso", "contoso-", "contoso db", "a".repeat(51),
        "数据库")) {
      assertThat(failures(check(with(linux(), "offerId", bad))))
          .as("offerId %s", bad).extracting(Finding::subject, Finding::ruleId, Finding::messageKey)
          .containsExactly(tuple("offerId", RuleId.OFFER_2, "OFFER-2.identifier"));
    }
    assertThat(failures(check(with(linux(), "skuId", "SKU 1")))).extracting(Finding::subject, Finding::ruleId)
        .containsExactly(tuple("skuId", RuleId.OFFER_2));
    assertThat(failures(check(with(linux(), "offerId", "abc")))).isEmpty();
    assertThat(failures(check(with(linux(), "offerId", "a1-" + "b".repeat(47))))).isEmpty();
    assertThat(failures(check(with(linux(), "offerId", null)))).extracting(Finding::messageKey)
        .containsExactly("submission.required");
  }

  @Test
  void offer1AndSku4NameAndSummaryAreRequiredPlainText() {
    assertThat(failures(check(with(linux(), "offerName", " ")))).extracting(Finding::subject, Finding::ruleId)
        .containsExactly(tuple("offerName", RuleId.OFFER_1));
    assertThat(failures(check(with(linux(), "skuSummary", "x".repeat(201)))))
        .extracting(Finding::subject, Finding::ruleId, Finding::messageKey)
        .containsExactly(tuple("skuSummary", RuleId.SKU_4, "submission.too-long"));
    assertThat(failures(check(with(linux(), "skuSummary", "<script>alert(1)</script>"))))
        .extracting(Finding::messageKey).containsExactly("submission.markup");
  }

  @Test
  void imgType1TheImageTypeIsX64Gen1WhenLeftOutAndNamedInAnyCase() {
    assertThat(check(linux())).filteredOn(f -> f.ruleId() == RuleId.IMG_TYPE_1)
        .extracting(Finding::subject, Finding::result, f -> f.args().get(1))
        .containsExactly(tuple("generation", PASS, "gen1"), tuple("architecture", PASS, "x64"));
    SubmissionForm arm = with(with(linux(), "generation", " Gen2 "), "architecture", "ARM64").normalized();
    assertThat(arm.generation()).isEqualTo("gen2");
    assertThat(arm.architecture()).isEqualTo("arm64");
  }

  @Test
  void imgType1UnknownValuesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> with(linux(), "generation", "v2").normalized())
        .isInstanceOfSatisfying(InvalidImageTypeException.class, refused -> {
          assertThat(refused.properties(RuleMessages.EN)).containsEntry("field", "generation")
              .containsEntry("rule", "IMG-TYPE-1");
          assertThat(refused.detail(RuleMessages.EN)).startsWith("[IMG-TYPE-1] generation: \"v2\"");
        });
    assertThatThrownBy(() -> with(linux(), "architecture", "x86").normalized())
        .isInstanceOfSatisfying(InvalidImageTypeException.class,
            refused -> assertThat(refused.detail(RuleMessages.ZH_CN)).contains("architecture", "x64, arm64"));
  }

  @Test
  void imgType1ASkuKeepsTheTypeOfItsImages() {
    SkuHistory x64Gen1 = new SkuHistory("contoso-db", "byol", true, ImageVersionNumber.parse("0.9.0"),
        Optional.empty(), Optional.of(ImageType.X64_GEN1));

    assertThat(failures(checkToday(with(linux(), "generation", "gen2"), Optional.of(x64Gen1))))
        .extracting(Finding::subject, Finding::ruleId, Finding::messageKey)
        .containsExactly(tuple("generation", RuleId.IMG_TYPE_1, "IMG-TYPE-1.sku-keeps-type"));
    assertThat(failures(checkToday(with(with(linux(), "architecture", "arm64"), "generation", "gen2"),
        Optional.of(x64Gen1)))).extracting(Finding::subject).containsExactly("generation", "architecture");
    assertThat(failures(check(linux(), Optional.of(x64Gen1)))).isEmpty();
  }

  @Test
  void imgType1The2015PolicyCertifiesX64Gen1OnlyAndTodaysPolicyTheTypesAzureRuns() {
    SubmissionForm gen2 = with(linux(), "generation", "gen2");
    assertThat(failures(check(gen2))).extracting(Finding::subject, Finding::ruleId, Finding::messageKey)
        .containsExactly(tuple("generation", RuleId.IMG_TYPE_1, "IMG-TYPE-1.not-allowed"));
    assertThat(RuleMessages.render(failures(check(gen2)).get(0), RuleMessages.EN))
        .startsWith("[IMG-TYPE-1] generation: x64 gen2 images are not certified")
        .contains("azure-china-2015 v1", "certifies x64 gen1.");
    // arm64 runs as gen2 only, so under 2015 both fields are named; an arm64 gen1 names the architecture alone
    assertThat(failures(check(with(gen2, "architecture", "arm64")))).extracting(Finding::subject, Finding::messageKey)
        .containsExactly(tuple("generation", "IMG-TYPE-1.not-allowed"), tuple("architecture", "IMG-TYPE-1.not-allowed"));
    assertThat(failures(check(with(linux(), "architecture", "arm64")))).extracting(Finding::subject)
        .containsExactly("architecture");

    assertThat(failures(checkToday(gen2, Optional.empty()))).isEmpty();
    assertThat(failures(checkToday(with(gen2, "architecture", "arm64"), Optional.empty()))).isEmpty();
    assertThat(checkToday(with(gen2, "architecture", "arm64"), Optional.empty()))
        .filteredOn(f -> f.ruleId() == RuleId.IMG_TYPE_1).extracting(Finding::subject, Finding::result)
        .containsExactly(tuple("generation", PASS), tuple("architecture", PASS));
    // Azure runs no arm64 VM of generation 1: the generation is what to change
    assertThat(failures(checkToday(with(linux(), "architecture", "arm64"), Optional.empty())))
        .extracting(Finding::subject, Finding::messageKey).containsExactly(tuple("generation", "IMG-TYPE-1.not-allowed"));
  }

  @Test
  void sku3ASkuIdentifierBelongsToOneOfferOfThePublisher() {
    SkuHistory underOtherOffer = new SkuHistory("other-offer", "byol", false, Optional.empty());
    assertThat(failures(check(linux(), Optional.of(underOtherOffer))))
        .extracting(Finding::subject, Finding::ruleId, Finding::messageKey)
        .containsExactly(tuple("skuId", RuleId.SKU_3, "SKU-3.taken"));
    SkuHistory underSameOffer = new SkuHistory("contoso-db", "byol", false, Optional.empty());
    assertThat(failures(check(linux(), Optional.of(underSameOffer)))).isEmpty();
  }

  @Test
  void sku4OnceTheOfferWasStagedANewImageKeepsTheSummary() {
    String staged = linux().skuSummary();
    SkuHistory locked = new SkuHistory("contoso-db", "byol", true, Optional.empty(), Optional.of(staged));
    assertThat(failures(check(with(linux(), "version", "1.0.1"), Optional.of(locked)))).isEmpty();
    List<Finding> changed = failures(check(with(with(linux(), "version", "1.0.1"), "skuSummary", "A new summary"),
        Optional.of(locked)));
    assertThat(changed).extracting(Finding::subject, Finding::ruleId, Finding::messageKey)
        .containsExactly(tuple("skuSummary", RuleId.SKU_4, "SKU-4.summary-locked"));
    assertThat(RuleMessages.render(changed.get(0), RuleMessages.EN)).startsWith("[SKU-4] skuSummary").contains(staged);
  }

  @Test
  void price1OnlyTheMarketplacesModels() {
    assertThat(failures(check(with(linux(), "pricingModel", "paid")))).extracting(Finding::ruleId, Finding::messageKey)
        .containsExactly(tuple(RuleId.PRICE_1, "PRICE-1.unknown"));
    for (String model : List.of("free", "byol")) {
      assertThat(failures(check(with(linux(), "pricingModel", model)))).isEmpty();
    }
  }

  @Test
  void price3AFreeTrialNeedsASensibleLength() {
    SubmissionForm trial = with(linux(), "pricingModel", "freeTrial");
    assertThat(failures(check(trial))).extracting(Finding::subject, Finding::messageKey)
        .containsExactly(tuple("trialDays", "PRICE-3.trial-required"));
    assertThat(failures(check(with(trial, "trialDays", 365)))).extracting(Finding::messageKey)
        .containsExactly("PRICE-3.trial-range");
    assertThat(failures(check(with(trial, "trialDays", 0)))).extracting(Finding::messageKey)
        .containsExactly("PRICE-3.trial-range");
    assertThat(check(with(trial, "trialDays", 30))).filteredOn(f -> f.ruleId() == RuleId.PRICE_3)
        .extracting(Finding::result).containsExactly(PASS);
    assertThat(failures(check(with(linux(), "trialDays", 30)))).extracting(Finding::messageKey)
        .containsExactly("PRICE-3.trial-not-applicable");
  }

  @Test
  void price2AFreeSkuStaysFree() {
    SkuHistory publishedFree = new SkuHistory("contoso-db", "free", true, Optional.empty());
    List<Finding> failures = failures(check(linux(), Optional.of(publishedFree)));
    assertThat(failures).extracting(Finding::subject, Finding::ruleId)
        .containsExactly(tuple("pricingModel", RuleId.PRICE_2));
    assertThat(RuleMessages.render(failures.get(0), RuleMessages.EN)).contains("new offer");
    assertThat(failures(check(with(linux(), "pricingModel", "free"), Optional.of(publishedFree)))).isEmpty();
  }

  @Test
  void price5APublishedSkuKeepsItsModelAndTheMessageNamesTheWayOut() {
    SkuHistory publishedByol = new SkuHistory("contoso-db", "byol", true, Optional.empty());
    List<Finding> failures = failures(check(with(with(linux(), "pricingModel", "freeTrial"), "trialDays", 30),
        Optional.of(publishedByol)));
    assertThat(failures).extracting(Finding::subject, Finding::ruleId, Finding::messageKey)
        .containsExactly(tuple("pricingModel", RuleId.PRICE_5, "PRICE-5.model-locked"));
    assertThat(RuleMessages.render(failures.get(0), RuleMessages.EN)).contains("delete the offer", "new offer");
    assertThat(RuleMessages.render(failures.get(0), RuleMessages.ZH_CN)).contains("新产品");
    // not yet certified or released: the model may still change
    SkuHistory acceptedOnly = new SkuHistory("contoso-db", "byol", false, Optional.empty());
    assertThat(failures(check(with(linux(), "pricingModel", "free"), Optional.of(acceptedOnly)))).isEmpty();
  }

  @Test
  void sub1OsFamilyAndName() {
    assertThat(failures(check(with(linux(), "osFamily", "bsd")))).extracting(Finding::subject, Finding::messageKey)
        .containsExactly(tuple("osFamily", "SUB-1.os-family-unknown"));
    assertThat(failures(check(with(linux(), "osName", "Ubuntu")))).extracting(Finding::messageKey)
        .containsExactly("SUB-1.os-name-format");
    assertThat(failures(check(with(linux(), "osName", "Windows Server 2012 R2 Datacenter"))))
        .extracting(Finding::messageKey).containsExactly("SUB-1.os-name-family");
  }

  @Test
  void sub1ExactlyThreeConfiguredVmSizes() {
    assertThat(failures(check(with(linux(), "vmSizes", "Standard_B2s, Standard_D2s_v3"))))
        .extracting(Finding::subject, Finding::messageKey).containsExactly(tuple("vmSizes", "SUB-1.vm-sizes-count"));
    assertThat(failures(check(with(linux(), "vmSizes", "Standard_B2s, Standard_B2s, Standard_D2s_v3"))))
        .extracting(Finding::messageKey).containsExactly("SUB-1.vm-sizes-repeated");
    assertThat(failures(check(with(linux(), "vmSizes", "Standard_B2s, Standard_D2s_v3, Standard_M128s"))))
        .extracting(Finding::messageKey).containsExactly("SUB-1.vm-size-unknown");
    assertThat(failures(check(with(linux(), "vmSizes", "Standard_E4s_v3,Standard_B2s ,Standard_D4s_v3")))).isEmpty();
  }

  @Test
  void sub1VersionOfThreeIntegersHigherThanTheSkusLast() {
    for (String bad : List.of("1.0", "1.0.0.0", "v1.0.0", "1.01.0", "1.a.0", "-1.0.0")) {
      assertThat(failures(check(with(linux(), "version", bad)))).as(bad).extracting(Finding::messageKey)
          .containsExactly("SUB-1.version-format");
    }
    SkuHistory last = new SkuHistory("contoso-db", "byol", false, ImageVersionNumber.parse("1.2.9"));
    for (String notHigher : List.of("1.2.9", "1.2.8", "0.9.99")) {
      assertThat(failures(check(with(linux(), "version", notHigher), Optional.of(last)))).as(notHigher)
          .extracting(Finding::messageKey).containsExactly("SUB-1.version-not-higher");
    }
    for (String higher : List.of("1.2.10", "1.3.0", "2.0.0")) {
      assertThat(failures(check(with(linux(), "version", higher), Optional.of(last)))).as(higher).isEmpty();
    }
  }

  @Test
  void winBase1AWindowsSkuNamesAnApprovedBase() {
    SubmissionForm windows = with(with(with(with(with(linux(), "osFamily", "windows"), "windowsResultsUri",
        "https://contoso.blob.core.chinacloudapi.cn/vhds/results.xml?sp=rl&sig=abc"), "vmPassword", null),
        "vmHost", null), "vmUser", null);
    assertThat(check(with(windows, "osName", "Windows Server Datacenter 2012 R2")))
        .filteredOn(f -> f.ruleId() == RuleId.WIN_BASE_1).extracting(Finding::result).containsExactly(PASS);
    assertThat(failures(check(with(windows, "osName", "SQL Server 2014 Web on Windows Server")))).isEmpty();
    List<Finding> refused = failures(check(with(windows, "osName", "Windows Server 2019 Datacenter")));
    assertThat(refused).extracting(Finding::subject, Finding::ruleId).containsExactly(tuple("osName", RuleId.WIN_BASE_1));
    assertThat(RuleMessages.render(refused.get(0), RuleMessages.EN)).contains("SKU-5", "Windows Server 2012 R2 Datacenter");
    // Windows needs no Linux VM access
    assertThat(check(windows)).noneMatch(f -> f.ruleId() == RuleId.CERT_1);
  }

  @Test
  void winBase1TheOsNameIsHeldToTheBasesOfThePolicyInForce() {
    SubmissionForm windows = with(with(with(with(with(linux(), "osFamily", "windows"), "windowsResultsUri",
        "https://contoso.blob.core.chinacloudapi.cn/vhds/results.xml?sp=rl&sig=abc"), "vmPassword", null),
        "vmHost", null), "vmUser", null);
    // the bases with OpenSSH, whose VMs the product certifies itself, pass today
    assertThat(checkToday(with(windows, "osName", "Windows Server 2022 Datacenter"), Optional.empty()))
        .filteredOn(f -> f.ruleId() == RuleId.WIN_BASE_1).extracting(Finding::result).containsExactly(PASS);
    assertThat(checkToday(with(windows, "osName", "Windows Server 2019 Datacenter"), Optional.empty()))
        .filteredOn(f -> f.ruleId() == RuleId.WIN_BASE_1).extracting(Finding::result).containsExactly(PASS);
  }

  @Test
  void cert1AWindowsSubmissionGivesItsVmOrTheToolsResults() {
    SubmissionForm windowsVm = with(with(with(linux(), "osFamily", "windows"), "osName",
        "Windows Server 2012 R2 Datacenter"), "vmUser", "Administrator.Cert");
    assertThat(failures(check(windowsVm))).isEmpty();
    assertThat(check(windowsVm)).filteredOn(f -> f.ruleId() == RuleId.CERT_1).extracting(Finding::subject)
        .contains("vmHost", "vmUser", "vmPassword");

    assertThat(failures(check(with(windowsVm, "vmUser", "cert\\admin"))))
        .extracting(Finding::subject, Finding::messageKey).containsExactly(tuple("vmUser", "CERT-1.windows-user-invalid"));
    assertThat(failures(check(with(windowsVm, "vmPassword", null))))
        .extracting(Finding::subject, Finding::messageKey).containsExactly(tuple("vmPassword", "CERT-1.credential-missing"));
    assertThat(failures(check(with(windowsVm, "vmHost", "10.0.0.4"))))
        .extracting(Finding::subject, Finding::ruleId).containsExactly(tuple("vmHost", RuleId.CERT_6));

    SubmissionForm neither = with(with(with(windowsVm, "vmHost", null), "vmUser", null), "vmPassword", null);
    List<Finding> refused = failures(check(neither));
    assertThat(refused).extracting(Finding::subject, Finding::messageKey)
        .containsExactly(tuple("windowsResultsUri", "CERT-1.windows-evidence-missing"));
    assertThat(RuleMessages.render(refused.get(0), RuleMessages.EN)).contains("vmHost", "windowsResultsUri");
  }

  @Test
  void sub2LunsAreUniqueAndRunFromZero() {
    String uri = "https://contoso.blob.core.chinacloudapi.cn/vhds/d%d.vhd?sp=rl&sig=x";
    assertThat(failures(check(with(linux(), "dataDiskUris", "0=" + uri.formatted(0) + "\nLUN 1 = "
        + uri.formatted(1) + "\n\nlun2=" + uri.formatted(2))))).isEmpty();
    assertThat(failures(check(with(linux(), "dataDiskUris", "0=" + uri.formatted(0) + "\ndisk one " + uri.formatted(1)))))
        .extracting(Finding::subject, Finding::ruleId, Finding::messageKey)
        .containsExactly(tuple("dataDiskUris", RuleId.SUB_2, "SUB-2.line-format"));
    assertThat(failures(check(with(linux(), "dataDiskUris", "0=" + uri.formatted(0) + "\n0=" + uri.formatted(1)))))
        .extracting(Finding::subject, Finding::messageKey)
        .containsExactly(tuple("lun0", "SUB-2.lun-repeated"));
    assertThat(failures(check(with(linux(), "dataDiskUris", "0=" + uri.formatted(0) + "\n2=" + uri.formatted(2)))))
        .extracting(Finding::subject, Finding::messageKey).containsExactly(tuple("lun1", "SUB-2.lun-missing"));
    String seventeen = IntStream.range(0, 17).mapToObj(lun -> lun + "=" + uri.formatted(lun))
        .collect(Collectors.joining("\n"));
    List<Finding> tooMany = failures(check(with(linux(), "dataDiskUris", seventeen)));
    assertThat(tooMany).extracting(Finding::messageKey).containsExactly("SUB-2.too-many");
    assertThat(RuleMessages.render(tooMany.get(0), RuleMessages.EN)).as("SKU-2: only the data disks the SKU needs")
        .contains("(SKU-2)");
    assertThat(checks.readableDataDisks(seventeen)).hasSize(16);
  }

  @Test
  void sku1EveryDiskHasItsOwnVhd() {
    String same = "https://contoso.blob.core.chinacloudapi.cn/vhds/data.vhd?sp=rl&sig=";
    assertThat(failures(check(with(linux(), "dataDiskUris", "0=" + same + "a\n1=" + same + "b"))))
        .extracting(Finding::subject, Finding::ruleId, Finding::messageKey)
        .containsExactly(tuple("lun1", RuleId.SKU_1, "SKU-1.same-vhd"));
  }

  @Test
  void cert1ALinuxSubmissionGivesTheCertificationVmsAccess() {
    assertThat(failures(check(with(linux(), "vmPassword", null)))).extracting(Finding::subject, Finding::messageKey)
        .containsExactly(tuple("vmPassword", "CERT-1.credential-missing"));
    assertThat(failures(check(with(with(linux(), "vmPassword", null), "vmPrivateKey", "ssh-rsa AAAA"))))
        .extracting(Finding::subject, Finding::messageKey).containsExactly(tuple("vmPrivateKey", "CERT-1.private-key-format"));
    assertThat(failures(check(with(with(linux(), "vmPassword", null), "vmPrivateKey",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n")))).isEmpty();
    assertThat(failures(check(with(linux(), "vmPort", 70000)))).extracting(Finding::subject).containsExactly("vmPort");
    assertThat(failures(check(with(linux(), "vmUser", "Root User")))).extracting(Finding::subject).containsExactly("vmUser");
    assertThat(failures(check(with(linux(), "vmHost", "bad host!")))).extracting(Finding::subject).containsExactly("vmHost");
  }

  @Test
  void cert6OnlyPublicAddressesOnPort22() {
    for (String host : List.of("127.0.0.1", "localhost", "169.254.169.254", "10.0.0.4", "100.64.1.1",
        "192.168.0.1")) {
      assertThat(failures(check(with(linux(), "vmHost", host)))).as(host)
          .extracting(Finding::subject, Finding::ruleId, Finding::messageKey)
          .containsExactly(tuple("vmHost", RuleId.CERT_6, "CERT-6.host-not-allowed"));
    }
    assertThat(failures(check(with(linux(), "vmHost", "40.73.1.2")))).isEmpty();
    assertThat(failures(check(with(linux(), "vmPort", 6379))))
        .extracting(Finding::subject, Finding::ruleId, Finding::messageKey)
        .containsExactly(tuple("vmPort", RuleId.CERT_6, "CERT-6.port-not-allowed"));
  }

  @Test
  void everyBadFieldIsReportedAtOnce() {
    SubmissionForm bad = new SubmissionForm("X", null, "Y", null, "paid", null, "bsd", null, "a", "1", null, "oops",
        null, null, null, null, null, null, null, null);
    assertThat(failures(check(bad))).extracting(Finding::subject).contains("offerId", "offerName", "skuId",
        "skuSummary", "pricingModel", "osFamily", "osName", "vmSizes", "version", "dataDiskUris");
    // left out, the image type is x64 gen1 (IMG-TYPE-1): what every image of the 2015 guide was
    assertThat(check(bad)).allMatch(f -> f.result() == FAIL || f.ruleId() == RuleId.SKU_3 || f.ruleId() == RuleId.IMG_TYPE_1);
  }
}
