package cn.marketplace.onboarding.submission.vhd;

import cn.marketplace.onboarding.calendar.TestCalendars;
import cn.marketplace.onboarding.testsupport.Azurite;
import java.time.Duration;
import java.util.List;

/** Storage settings of the tests: Azure China plus the Azurite host, over http, short timeouts. */
final class TestStorage {

  private TestStorage() {}

  static StorageProperties properties() {
    return new StorageProperties(List.of(".blob.core.chinacloudapi.cn", Azurite.HOST), true,
        Duration.ofSeconds(2), 1, 4);
  }

  static SasUriChecks sasUriChecks() {
    return new SasUriChecks(properties(), TestCalendars.mainland());
  }

  static VhdCheckService vhdCheckService() {
    StorageProperties storage = properties();
    return new VhdCheckService(new SasUriChecks(storage, TestCalendars.mainland()),
        new BlobInspector(new SasBlobClients(storage)), TestCalendars.mainland(), storage);
  }
}
