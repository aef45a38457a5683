package cn.marketplace.onboarding.bench;

import cn.marketplace.onboarding.certification.policy.CertificationPolicies;
import cn.marketplace.onboarding.certification.linux.CertificationProperties;
import cn.marketplace.onboarding.certification.linux.LinuxCertificationResult;
import cn.marketplace.onboarding.certification.linux.LinuxCertificationService;
import cn.marketplace.onboarding.certification.linux.LinuxChecks;
import cn.marketplace.onboarding.certification.linux.LinuxVmProbe;
import cn.marketplace.onboarding.certification.linux.VmAccess;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.submission.vhd.CountingBlobInspector;
import cn.marketplace.onboarding.submission.vhd.VhdFooters;
import cn.marketplace.onboarding.submission.SubmissionFixtures;
import cn.marketplace.onboarding.submission.SubmissionForm;
import cn.marketplace.onboarding.testsupport.Azurite;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.TestKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Item 3, how fast an ISV hears back: {@code POST /api/submissions/check} over HTTP for a SKU with an
 * OS disk and 15 data disks in Azurite (sparse page blobs of 30 GiB and 1 TiB), with the bytes our
 * reads download; and the whole Linux certification over SSH on a sample VM (Apache MINA SSHD).
 */
final class FeedbackLatency {

  static final String SECTION = "3 feedback";
  private static final int DATA_DISKS = 15;
  private static final String PASSWORD = "Bench-Passw0rd!x7q";

  private FeedbackLatency() {}

  static void measure(BenchSettings settings, Report report) throws Exception {
    int requests = Math.max(5, settings.queries() / 5);
    measureDryRun(settings, report, requests);
    measureCertification(report, requests);
  }

  private static void measureDryRun(BenchSettings settings, Report report, int requests) throws Exception {
    Azurite azurite = Azurite.instance();
    String body = new ObjectMapper().writeValueAsString(SubmissionFixtures.variables(sixteenDisks(azurite)));
    try (ConfigurableApplicationContext context = BenchContexts.start(BenchDatabase.fresh(settings, "feedback"),
        List.of("bench-storage-meter"), Map.of())) {
      String isv = publisherUser(context.getBean(IdentityService.class));
      CountingBlobInspector meter = context.getBean(CountingBlobInspector.class);
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest check = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/submissions/check"))
          .header("Content-Type", "application/json").header("Accept", "application/json")
          .header("Authorization", basic(isv, PASSWORD))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      for (int warmUp = 0; warmUp < 3; warmUp++) {
        send(http, check);
      }
      Samples latency = new Samples();
      long bytesBefore = meter.bytesRead();
      long disksBefore = meter.disks();
      for (int i = 0; i < requests; i++) {
        long started = System.nanoTime();
        send(http, check);
        latency.add((System.nanoTime() - started) / 1e6);
      }
      double bytesPerDisk = (double) (meter.bytesRead() - bytesBefore) / (meter.disks() - disksBefore);
      report.add(Figure.latency(SECTION, "POST /api/submissions/check, OS disk + 15 data disks (Azurite)", latency,
          "median < 300 ms", requests + " requests over HTTP"));
      // every disk's 512-byte footer; the OS disk also its protective MBR, GPT header and 128 entries
      // (IMG-TYPE-*): (16 x 512 + 512 + 512 + 16,384) / 16 = 1,600
      report.add(Figure.single(SECTION, "bytes read from storage per disk", "B", bytesPerDisk, "1600",
          "footers, and the OS disk's partition table"));
    }
  }

  private static void measureCertification(Report report, int runs) throws Exception {
    LinuxCertificationService service =
        new LinuxCertificationService(new LinuxVmProbe(SampleVmServer.allowingSampleVms(CertificationProperties.defaults())), new LinuxChecks());
    try (SampleVmServer vm = SampleVmServer.start(TestKeys.ed25519()).serve("ubuntu-22.04-good")) {
      VmAccess access = VmAccess.withPassword(vm.host(), vm.port(), SampleVmServer.USER, SampleVmServer.PASSWORD);
      for (int warmUp = 0; warmUp < 2; warmUp++) {
        service.run(access, null, CertificationPolicies.shipped("azure-current", "1"));
      }
      Samples total = new Samples();
      Samples connect = new Samples();
      Samples probe = new Samples();
      int execBefore = vm.execRequests();
      int roundTrips = 0;
      boolean certified = true;
      for (int i = 0; i < runs; i++) {
        long started = System.nanoTime();
        LinuxCertificationResult result = service.run(access, null, CertificationPolicies.shipped("azure-current", "1"));
        total.add((System.nanoTime() - started) / 1e6);
        connect.add(result.connectTime().toNanos() / 1e6);
        probe.add(result.probeTime().toNanos() / 1e6);
        roundTrips = result.roundTrips();
        certified &= result.certified();
      }
      String vmNote = "sample VM ubuntu-22.04-good, certified=" + certified;
      report.add(Figure.latency(SECTION, "Linux certification, whole run (SSH)", total, "< 3000 ms", vmNote));
      report.add(Figure.latency(SECTION, "  of which connect and authenticate", connect, null, null));
      report.add(Figure.latency(SECTION, "  of which probe script and its output", probe, null, null));
      report.add(Figure.single(SECTION, "SSH round trips per certification", "", roundTrips, "<= 3",
          "exec channels seen by the server: " + (vm.execRequests() - execBefore) / runs + " per run"));
    }
  }

  /** A submission of an OS disk (30 GiB) and 15 data disks (1 TiB each), sparse page blobs in Azurite. */
  private static SubmissionForm sixteenDisks(Azurite azurite) {
    String container = azurite.createContainer();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    long os = 30 * VhdFooters.GIB;
    long data = 1024 * VhdFooters.GIB;
    azurite.sparsePageBlob(container, "os.vhd", os, VhdFooters.fixed(os).toBytes());
    String osUri = azurite.sasUri(container, "os.vhd", "rl", now.minusHours(1), now.plusDays(30));
    List<String> lines = new ArrayList<>();
    for (int lun = 0; lun < DATA_DISKS; lun++) {
      String name = "data" + lun + ".vhd";
      azurite.sparsePageBlob(container, name, data, VhdFooters.fixed(data).toBytes());
      lines.add(lun + "=" + azurite.sasUri(container, name, "rl", now.minusHours(1), now.plusDays(30)));
    }
    return SubmissionFixtures.linux(osUri, String.join("\n", lines));
  }

  /** A publisher's user (not yet active: a dry run is open to every publisher) with a known password. */
  private static String publisherUser(IdentityService identityService) {
    String id = "pbench00001";
    User user = identityService.newUser(id);
    user.setPassword(PASSWORD);
    user.setEmail("isv@example.cn");
    identityService.saveUser(user);
    identityService.saveGroup(identityService.newGroup("isv-" + id));
    identityService.createMembership(id, "isv-" + id);
    identityService.createMembership(id, Groups.PUBLISHERS);
    return id;
  }

  private static void send(HttpClient http, HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("check answered " + response.statusCode() + ": " + response.body());
    }
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
