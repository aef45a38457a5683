package cn.marketplace.onboarding.submission.vhd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.testsupport.Azurite;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BlobTextReaderAzuriteTest {

  private static final String SUBJECT = "windowsResults";
  private static final Azurite azurite = Azurite.instance();
  private static String container;

  private final BlobTextReader reader = new BlobTextReader(new SasBlobClients(TestStorage.properties()));
  private final SasUriChecks uriChecks = TestStorage.sasUriChecks();

  @BeforeAll
  static void createContainer() {
    container = azurite.createContainer();
  }

  private SasUri sasOf(String blob) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String raw = azurite.sasUri(container, blob, "rl", now.minusHours(1), now.plusDays(30));
    return uriChecks.checkFileUri(SUBJECT, raw, Instant.now()).readable().orElseThrow();
  }

  @Test
  void readsASmallJsonFileAndCountsItsBytes() {
    byte[] json = "\uFEFF{\"tool\":\"认证工具\",\"passed\":true}".getBytes(StandardCharsets.UTF_8);
    azurite.blockBlob(container, "results.json", json);

    BlobText text = reader.read(SUBJECT, sasOf("results.json"));

    assertThat(text.text()).contains("{\"tool\":\"认证工具\",\"passed\":true}");
    assertThat(text.bytesRead()).isEqualTo(json.length);
    assertThat(text.findings()).extracting(Finding::ruleId, Finding::result, Finding::subject)
        .containsExactly(tuple(RuleId.SAS_8, Result.PASS, SUBJECT));
  }

  @Test
  void refusesAFileOverTheLimitWithoutReadingIt() {
    azurite.blockBlob(container, "big.json", new byte[2048]);

    BlobText text = reader.read(SUBJECT, sasOf("big.json"), 1024);

    assertThat(text.text()).isEmpty();
    assertThat(text.bytesRead()).isZero();
    assertThat(text.findings()).extracting(Finding::ruleId, Finding::result, Finding::messageKey)
        .containsExactly(tuple(RuleId.SAS_8, Result.FAIL, "SAS-8.too-large"));
  }

  @Test
  void aMissingFileIsAFinding() {
    BlobText text = reader.read(SUBJECT, sasOf("absent.json"));

    assertThat(text.text()).isEmpty();
    assertThat(text.findings()).extracting(Finding::ruleId, Finding::result, Finding::messageKey)
        .containsExactly(tuple(RuleId.SAS_8, Result.FAIL, "SAS-8.not-found"));
  }

  @Test
  void anEmptyFileIsEmptyText() {
    azurite.blockBlob(container, "empty.json", new byte[0]);

    assertThat(reader.read(SUBJECT, sasOf("empty.json")).text()).contains("");
  }
}
