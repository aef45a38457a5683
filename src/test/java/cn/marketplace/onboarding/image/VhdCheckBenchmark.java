package cn.marketplace.onboarding.image;

import cn.marketplace.onboarding.testsupport.Azurite;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures and prints (asserts nothing): one OS disk of 30 GiB and fifteen data disks of 1 TiB,
 * checked in one call, five times. Not a test; run it with
 * {@code ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt} then
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 * cn.marketplace.onboarding.image.VhdCheckBenchmark}.
 */
public final class VhdCheckBenchmark {

  private VhdCheckBenchmark() {}

  public static void main(String[] args) {
    Azurite azurite = Azurite.instance();
    String container = azurite.createContainer();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<VhdDisk> disks = new ArrayList<>();
    azurite.sparsePageBlob(container, "os.vhd", 30 * VhdFooters.GIB, VhdFooters.fixed(30 * VhdFooters.GIB).toBytes());
    disks.add(VhdDisk.linuxOs(azurite.sasUri(container, "os.vhd", "rl", now.minusHours(1), now.plusDays(30))));
    for (int lun = 0; lun < 15; lun++) {
      String name = "data" + lun + ".vhd";
      azurite.sparsePageBlob(container, name, VhdFooters.TIB, VhdFooters.fixed(VhdFooters.TIB).toBytes());
      disks.add(VhdDisk.data(lun, azurite.sasUri(container, name, "rl", now.minusHours(1), now.plusDays(30))));
    }
    VhdCheckService service = TestStorage.vhdCheckService();
    try {
      for (int run = 1; run <= 5; run++) {
        long started = System.nanoTime();
        VhdCheckReport report = service.check(disks, Instant.now());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("run %d: %d disks (%d virtual GiB) in %d ms, %d findings, %d bytes read%n",
            run, disks.size(), 30 + 15 * 1024, took.toMillis(), report.findings().size(),
            report.totalBytesRead());
      }
    } finally {
      service.destroy();
      azurite.stop();
    }
  }
}
