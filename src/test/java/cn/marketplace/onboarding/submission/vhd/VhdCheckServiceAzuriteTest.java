package cn.marketplace.onboarding.submission.vhd;

import static cn.marketplace.onboarding.testsupport.TestPolicies.AZURE_CHINA_2015;
import static cn.marketplace.onboarding.submission.vhd.VhdFooters.GIB;
import static cn.marketplace.onboarding.submission.vhd.VhdFooters.MIB;
import static cn.marketplace.onboarding.submission.vhd.VhdFooters.TIB;
import static cn.marketplace.onboarding.rules.Result.FAIL;
import static cn.marketplace.onboarding.rules.Result.PASS;
import static cn.marketplace.onboarding.rules.Result.WARNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.testsupport.Azurite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The VHD checks against a real blob service (Azurite), through the ISV's SAS. Azurite judges
 * SAS times by the real clock, so the SAS times here are taken from it; only the holiday case
 * uses fixed 2026 dates.
 */
class VhdCheckServiceAzuriteTest {

  /**
   * Azurite answers 403 AuthorizationFailure to a changed, expired or not yet valid signature,
   * where Azure answers AuthenticationFailed (SAS-8.auth-failed).
   */
  private static final String REFUSED_SIGNATURE = "SAS-8.not-authorized";

  private static final Azurite azurite = Azurite.instance();
  private static VhdCheckService service;
  private static String container;

  private final Instant now = Instant.now();
  private final OffsetDateTime anHourAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
  private final OffsetDateTime inThirtyDays = OffsetDateTime.now(ZoneOffset.UTC).plusDays(30);

  @BeforeAll
  static void startService() {
    service = TestStorage.vhdCheckService();
    container = azurite.createContainer();
  }

  @AfterAll
  static void stopService() {
    service.destroy();
  }

  /** A sparse fixed VHD of {@code virtualSize}: only its footer is written. */
  private String fixedVhd(String name, long virtualSize) {
    azurite.sparsePageBlob(container, name, virtualSize, VhdFooters.fixed(virtualSize).toBytes());
    return goodSas(name);
  }

  private String goodSas(String name) {
    return azurite.sasUri(container, name, "rl", anHourAgo, inThirtyDays);
  }

  /**
   * The URI checks of a SAS that is good but for its plain http (allowed here, so SAS-5 warns),
   * with the results of {@code changed} in place of passes.
   */
  private static List<Tuple> uriRules(String subject, Map<RuleId, Result> changed) {
    Map<RuleId, Result> results = new LinkedHashMap<>();
    for (RuleId rule : List.of(RuleId.SAS_1, RuleId.SAS_5, RuleId.SAS_6, RuleId.SAS_2, RuleId.SAS_7,
        RuleId.SAS_4, RuleId.SAS_3)) {
      results.put(rule, rule == RuleId.SAS_5 ? WARNING : PASS);
    }
    results.putAll(changed);
    return results.entrySet().stream().map(e -> tuple(e.getKey(), e.getValue(), subject)).toList();
  }

  private static List<Tuple> uriRulesPass(String subject) {
    return uriRules(subject, Map.of());
  }

  /** The blob checks of a readable fixed page blob whose size rule gives {@code sizeResult}. */
  private static List<Tuple> blobRules(String subject, RuleId sizeRule, Result sizeResult) {
    return List.of(
        tuple(RuleId.SAS_8, PASS, subject),
        tuple(RuleId.VHD_BLOB_1, PASS, subject),
        tuple(RuleId.VHD_FMT_1, PASS, subject),
        tuple(RuleId.VHD_FMT_2, PASS, subject),
        tuple(RuleId.VHD_FMT_3, PASS, subject),
        tuple(sizeRule, sizeResult, subject));
  }

  private static List<Tuple> concat(List<Tuple> first, List<Tuple> second) {
    List<Tuple> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static List<Tuple> tuples(VhdCheckReport report) {
    return report.findings().stream().map(f -> tuple(f.ruleId(), f.result(), f.subject())).toList();
  }

  private static Finding only(VhdCheckReport report, RuleId rule) {
    return report.findings().stream().filter(f -> f.ruleId() == rule).findFirst().orElseThrow();
  }

  @Test
  void aLinuxOsDiskOf30GibPasses() {
    VhdCheckReport report = service.check(List.of(VhdDisk.linuxOs(fixedVhd("linux-30.vhd", 30 * GIB))), now, AZURE_CHINA_2015);

    assertThat(tuples(report)).containsExactlyElementsOf(
        concat(uriRulesPass("osVhd"), blobRules("osVhd", RuleId.LNX_SIZE_1, PASS)));
    assertThat(report.bytesRead()).containsExactly(Map.entry("osVhd", 512L));
    assertThat(report.anyFailed()).isFalse();
    assertThat(report.transientFailure()).isFalse();
  }

  @Test
  void aWindowsOsDiskOf128GibPasses() {
    VhdCheckReport report = service.check(List.of(VhdDisk.windowsOs(fixedVhd("windows-128.vhd", 128 * GIB))), now, AZURE_CHINA_2015);

    assertThat(tuples(report)).containsExactlyElementsOf(
        concat(uriRulesPass("osVhd"), blobRules("osVhd", RuleId.WIN_SIZE_1, PASS)));
    assertThat(report.totalBytesRead()).isEqualTo(512);
  }

  @Test
  void aDataDiskOfOneTibPasses() {
    VhdCheckReport report = service.check(List.of(VhdDisk.data(0, fixedVhd("data-1tib.vhd", TIB))), now, AZURE_CHINA_2015);

    assertThat(tuples(report)).containsExactlyElementsOf(
        concat(uriRulesPass("lun0"), blobRules("lun0", RuleId.DISK_1, PASS)));
    assertThat(report.totalBytesRead()).isEqualTo(512);
  }

  @Test
  void aLinuxOsDiskOf20GibFails() {
    VhdCheckReport report = service.check(List.of(VhdDisk.linuxOs(fixedVhd("linux-20.vhd", 20 * GIB))), now, AZURE_CHINA_2015);

    assertThat(tuples(report)).containsExactlyElementsOf(
        concat(uriRulesPass("osVhd"), blobRules("osVhd", RuleId.LNX_SIZE_1, FAIL)));
    assertThat(only(report, RuleId.LNX_SIZE_1).messageKey()).isEqualTo("LNX-SIZE-1.too-small");
    assertThat(report.totalBytesRead()).isEqualTo(512);
  }

  @Test
  void aLinuxOsDiskOf60GibGoesToReview() {
    VhdCheckReport report = service.check(List.of(VhdDisk.linuxOs(fixedVhd("linux-60.vhd", 60 * GIB))), now, AZURE_CHINA_2015);

    assertThat(tuples(report)).containsExactlyElementsOf(
        concat(uriRulesPass("osVhd"), blobRules("osVhd", RuleId.LNX_SIZE_1, WARNING)));
    assertThat(only(report, RuleId.LNX_SIZE_1).messageKey()).isEqualTo("LNX-SIZE-1.review");
    assertThat(report.totalBytesRead()).isEqualTo(512);
  }

  @Test
  void aBlockBlobFailsVhdBlob1ButIsStillReadForItsFooter() {
    byte[] content = new byte[(int) MIB + 512];
    System.arraycopy(VhdFooters.fixed(MIB).toBytes(), 0, content, (int) MIB, 512);
    azurite.blockBlob(container, "block.vhd", content);

    VhdCheckReport report = service.check(List.of(VhdDisk.data(1, goodSas("block.vhd"))), now, AZURE_CHINA_2015);

    assertThat(tuples(report)).containsExactlyElementsOf(concat(uriRulesPass("lun1"), List.of(
        tuple(RuleId.SAS_8, PASS, "lun1"),
        tuple(RuleId.VHD_BLOB_1, FAIL, "lun1"),
        tuple(RuleId.VHD_FMT_1, PASS, "lun1"),
        tuple(RuleId.VHD_FMT_2, PASS, "lun1"),
        tuple(RuleId.VHD_FMT_3, PASS, "lun1"),
        tuple(RuleId.DISK_1, PASS, "lun1"))));
    assertThat(only(report, RuleId.VHD_BLOB_1).evidence()).isEqualTo("blobType=BlockBlob");
    assertThat(report.totalBytesRead()).isEqualTo(512);
  }

  @Test
  void aDynamicVhdFailsItsFormat() {
    // a dynamic VHD is short: footer copy, header, block table, then the footer
    azurite.pageBlobEndingWith(container, "dynamic.vhd", 4096, VhdFooters.dynamic(40 * GIB).toBytes());

    VhdCheckReport report = service.check(List.of(VhdDisk.linuxOs(goodSas("dynamic.vhd"))), now, AZURE_CHINA_2015);

    assertThat(tuples(report)).containsExactlyElementsOf(concat(uriRulesPass("osVhd"), List.of(
        tuple(RuleId.SAS_8, PASS, "osVhd"),
        tuple(RuleId.VHD_BLOB_1, PASS, "osVhd"),
        tuple(RuleId.VHD_FMT_1, PASS, "osVhd"),
        tuple(RuleId.VHD_FMT_2, FAIL, "osVhd"),
        tuple(RuleId.VHD_FMT_3, FAIL, "osVhd"),
        tuple(RuleId.LNX_SIZE_1, PASS, "osVhd"))));
    assertThat(only(report, RuleId.VHD_FMT_2).messageKey()).isEqualTo("VHD-FMT-2.dynamic");
    assertThat(report.totalBytesRead()).isEqualTo(512);
  }

  @Test
  void aFileTooShortForAFooterFailsVhdFmt1() {
    azurite.blockBlob(container, "tiny.vhd", new byte[100]);

    VhdCheckReport report = service.check(List.of(VhdDisk.data(2, goodSas("tiny.vhd"))), now, AZURE_CHINA_2015);

    assertThat(tuples(report)).containsExactlyElementsOf(concat(uriRulesPass("lun2"), List.of(
        tuple(RuleId.SAS_8, PASS, "lun2"),
        tuple(RuleId.VHD_BLOB_1, FAIL, "lun2"),
        tuple(RuleId.VHD_FMT_1, FAIL, "lun2"))));
    assertThat(report.totalBytesRead()).isZero();
  }

  @Test
  void aMissingBlobIsNotFound() {
    VhdCheckReport report = service.check(List.of(VhdDisk.linuxOs(goodSas("never-uploaded.vhd"))), now, AZURE_CHINA_2015);

    assertThat(tuples(report)).containsExactlyElementsOf(
        concat(uriRulesPass("osVhd"), List.of(tuple(RuleId.SAS_8, FAIL, "osVhd"))));
    assertThat(only(report, RuleId.SAS_8).messageKey()).isEqualTo("SAS-8.not-found");
    assertThat(report.totalBytesRead()).isZero();
    assertThat(report.transientFailure()).isFalse();
  }

  @Test
  void anExpiredSasFailsSas3AndIsRefusedByTheStorage() {
    fixedVhd("expired.vhd", 30 * GIB);
    OffsetDateTime utcNow = OffsetDateTime.now(ZoneOffset.UTC);
    String expired = azurite.sasUri(container, "expired.vhd", "rl", utcNow.minusDays(10), utcNow.minusHours(1));

    VhdCheckReport report = service.check(List.of(VhdDisk.linuxOs(expired)), now, AZURE_CHINA_2015);

    assertThat(tuples(report)).containsExactlyElementsOf(concat(
        uriRules("osVhd", Map.of(RuleId.SAS_3, FAIL)), List.of(tuple(RuleId.SAS_8, FAIL, "osVhd"))));
    assertThat(only(report, RuleId.SAS_3).messageKey()).isEqualTo("SAS-3.expired");
    assertThat(only(report, RuleId.SAS_8).messageKey()).isEqualTo(REFUSED_SIGNATURE);
    assertThat(report.totalBytesRead()).isZero();
  }

  @Test
  void aTamperedSignatureIsRefused() {
    String sas = fixedVhd("tampered.vhd", 30 * GIB);
    int at = sas.indexOf("sig=") + 4;
    String tampered = sas.substring(0, at) + (sas.charAt(at) == 'A' ? 'B' : 'A') + sas.substring(at + 1);

    VhdCheckReport report = service.check(List.of(VhdDisk.linuxOs(tampered)), now, AZURE_CHINA_2015);

    assertThat(tuples(report)).containsExactlyElementsOf(
        concat(uriRulesPass("osVhd"), List.of(tuple(RuleId.SAS_8, FAIL, "osVhd"))));
    assertThat(only(report, RuleId.SAS_8))
        .extracting(Finding::messageKey, Finding::evidence)
        .containsExactly(REFUSED_SIGNATURE, "HTTP 403 AuthorizationFailure");
    assertThat(report.totalBytesRead()).isZero();
  }

  @Test
  void readOnlyFailsTheRulesThoughTheStorageLetsItRead() {
    fixedVhd("read-only.vhd", 30 * GIB);
    String readOnly = azurite.sasUri(container, "read-only.vhd", "r", anHourAgo, inThirtyDays);

    VhdCheckReport report = service.check(List.of(VhdDisk.linuxOs(readOnly)), now, AZURE_CHINA_2015);

    assertThat(tuples(report)).containsExactlyElementsOf(concat(
        uriRules("osVhd", Map.of(RuleId.SAS_2, FAIL, RuleId.SAS_7, FAIL)), blobRules("osVhd", RuleId.LNX_SIZE_1, PASS)));
    assertThat(only(report, RuleId.SAS_2).messageKey()).isEqualTo("SAS-2.missing-permission");
    assertThat(report.totalBytesRead()).isEqualTo(512);
  }

  @Test
  void writeAndDeleteFailTheRulesAndTheBlobIsOnlyRead() {
    fixedVhd("read-write.vhd", 30 * GIB);
    String readWrite = azurite.sasUri(container, "read-write.vhd", "rwdl", anHourAgo, inThirtyDays);

    VhdCheckReport report = service.check(List.of(VhdDisk.linuxOs(readWrite)), now, AZURE_CHINA_2015);

    assertThat(tuples(report)).containsExactlyElementsOf(concat(
        uriRules("osVhd", Map.of(RuleId.SAS_2, FAIL, RuleId.SAS_7, FAIL)), blobRules("osVhd", RuleId.LNX_SIZE_1, PASS)));
    assertThat(only(report, RuleId.SAS_2).messageKey()).isEqualTo("SAS-2.write-permission");
    assertThat(report.totalBytesRead()).isEqualTo(512);
  }

  @Test
  void aStartStillAheadFailsSas4AndTheStorageRefusesIt() {
    fixedVhd("future.vhd", 30 * GIB);
    OffsetDateTime utcNow = OffsetDateTime.now(ZoneOffset.UTC);
    String future = azurite.sasUri(container, "future.vhd", "rl", utcNow.plusHours(1), inThirtyDays);

    VhdCheckReport report = service.check(List.of(VhdDisk.linuxOs(future)), now, AZURE_CHINA_2015);

    assertThat(tuples(report)).containsExactlyElementsOf(concat(
        uriRules("osVhd", Map.of(RuleId.SAS_4, FAIL)), List.of(tuple(RuleId.SAS_8, FAIL, "osVhd"))));
    assertThat(only(report, RuleId.SAS_8).messageKey()).isEqualTo(REFUSED_SIGNATURE);
    assertThat(report.totalBytesRead()).isZero();
  }

  @Test
  void anExpiryTooShortAcrossTheNationalDayHolidaysFails() {
    fixedVhd("holiday.vhd", 30 * GIB);
    // Thu 24 Sep 2026 10:00 to Fri 9 Oct 10:00: fifteen days, five of them business days
    OffsetDateTime start = OffsetDateTime.parse("2026-09-24T02:00:00Z");
    String sas = azurite.sasUri(container, "holiday.vhd", "rl", start, OffsetDateTime.parse("2026-10-09T02:00:00Z"));
    Instant submitted = start.toInstant().plus(Duration.ofMinutes(30));

    VhdCheckReport report = service.check(List.of(VhdDisk.linuxOs(sas)), submitted, AZURE_CHINA_2015);

    assertThat(report.findings()).filteredOn(f -> f.ruleId() == RuleId.SAS_3)
        .extracting(Finding::result, Finding::subject, Finding::messageKey, Finding::args)
        .containsExactly(tuple(FAIL, "osVhd", "SAS-3.too-short",
            List.of("osVhd", "2026-10-09 10:00 +08:00", 5, "2026-10-12 10:00 +08:00")));
    // Azurite judges the SAS by the real clock, which is past 9 Oct 2026: it refuses the read
    assertThat(tuples(report)).containsExactlyElementsOf(concat(
        uriRules("osVhd", Map.of(RuleId.SAS_3, FAIL)), List.of(tuple(RuleId.SAS_8, FAIL, "osVhd"))));
    assertThat(report.totalBytesRead()).isZero();
  }

  @Test
  void anOsDiskAndFifteenDataDisksAreCheckedInOneCall() {
    List<VhdDisk> disks = new ArrayList<>();
    disks.add(VhdDisk.linuxOs(fixedVhd("many-os.vhd", 40 * GIB)));
    for (int lun = 0; lun < 15; lun++) {
      disks.add(VhdDisk.data(lun, fixedVhd("many-lun" + lun + ".vhd", (lun + 1) * 10 * GIB)));
    }

    VhdCheckReport report = service.check(disks, now, AZURE_CHINA_2015);

    List<Tuple> expected = new ArrayList<>(concat(uriRulesPass("osVhd"), blobRules("osVhd", RuleId.LNX_SIZE_1, PASS)));
    for (int lun = 0; lun < 15; lun++) {
      expected.addAll(concat(uriRulesPass("lun" + lun), blobRules("lun" + lun, RuleId.DISK_1, PASS)));
    }
    assertThat(tuples(report)).containsExactlyElementsOf(expected);
    assertThat(report.bytesRead()).hasSize(16).allSatisfy((subject, bytes) -> assertThat(bytes).isEqualTo(512L));
    assertThat(report.totalBytesRead()).isEqualTo(16 * 512);
  }

  @Test
  void aHostThatRefusesConnectionsIsReportedAfterBoundedRetries() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Azurite.HOST))) {
      closedPort = socket.getLocalPort();
    }
    String sas = goodSas("linux-30.vhd").replace(":" + azurite.port() + "/", ":" + closedPort + "/");

    VhdCheckReport report = service.check(List.of(VhdDisk.linuxOs(sas)), now, AZURE_CHINA_2015);

    assertThat(tuples(report)).containsExactlyElementsOf(
        concat(uriRulesPass("osVhd"), List.of(tuple(RuleId.SAS_8, FAIL, "osVhd"))));
    assertThat(only(report, RuleId.SAS_8))
        .extracting(Finding::messageKey, Finding::args)
        .containsExactly("SAS-8.unreachable", List.of("osVhd", Azurite.HOST, 2));
    assertThat(report.transientFailure()).isTrue();
  }

  @Test
  void aHostThatNeverAnswersTimesOutAndIsReported() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName(Azurite.HOST))) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (!silent.isClosed()) {
            accepted.add(silent.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String sas = goodSas("linux-30.vhd").replace(":" + azurite.port() + "/", ":" + silent.getLocalPort() + "/");

      VhdCheckReport report = service.check(List.of(VhdDisk.linuxOs(sas)), now, AZURE_CHINA_2015);

      assertThat(only(report, RuleId.SAS_8))
          .extracting(Finding::result, Finding::messageKey)
          .containsExactly(FAIL, "SAS-8.unreachable");
      assertThat(report.transientFailure()).isTrue();
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void aHostThatIsNotAllowedIsNeverContacted() {
    fixedVhd("localhost.vhd", 30 * GIB);
    String viaLocalhost = goodSas("localhost.vhd").replace("//127.0.0.1:", "//localhost:");

    VhdCheckReport report = service.check(List.of(VhdDisk.linuxOs(viaLocalhost)), now, AZURE_CHINA_2015);

    assertThat(tuples(report)).doesNotContain(tuple(RuleId.SAS_8, PASS, "osVhd"))
        .first().isEqualTo(tuple(RuleId.SAS_1, FAIL, "osVhd"));
    assertThat(report.findings()).extracting(Finding::ruleId).doesNotContain(RuleId.SAS_8, RuleId.VHD_BLOB_1);
    assertThat(report.totalBytesRead()).isZero();
  }

  @Test
  void badInputOfEveryKindBecomesFindingsNamingTheDisk() {
    List<VhdDisk> disks = List.of(
        VhdDisk.linuxOs(null),
        VhdDisk.data(0, ""),
        VhdDisk.data(1, "not a uri at all"),
        VhdDisk.data(2, "https://isv.blob.core.chinacloudapi.cn/vhds/data.vhd"));

    VhdCheckReport report = service.check(disks, now, AZURE_CHINA_2015);

    assertThat(report.findings())
        .extracting(Finding::ruleId, Finding::result, Finding::subject, Finding::messageKey)
        .containsExactly(
            tuple(RuleId.SAS_1, FAIL, "osVhd", "SAS-1.missing"),
            tuple(RuleId.SAS_1, FAIL, "lun0", "SAS-1.missing"),
            tuple(RuleId.SAS_1, FAIL, "lun1", "SAS-1.not-a-uri"),
            tuple(RuleId.SAS_1, FAIL, "lun2", "SAS-1.no-signature"));
    assertThat(report.totalBytesRead()).isZero();
  }
}
