package cn.marketplace.onboarding.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.Azurite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** The storage check against a real storage service (Azurite) and against a port nobody listens on. */
class BlobStorageHealthIndicatorTest {

  @Test
  void upWhenTheStorageServiceAnswersEvenWithARefusal() {
    var indicator = new BlobStorageHealthIndicator(URI.create(Azurite.instance().blobEndpoint()), Duration.ofSeconds(5));

    var health = indicator.health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat((Integer) health.getDetails().get("status")).isBetween(200, 499);
  }

  @Test
  void downWhenNothingListens() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    var indicator = new BlobStorageHealthIndicator(URI.create("http://127.0.0.1:" + closedPort + "/account"),
        Duration.ofSeconds(2));

    assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
  }
}
