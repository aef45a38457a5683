package cn.marketplace.onboarding.submission.vhd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.marketplace.onboarding.submission.vhd.InvalidSasUriException.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SasUriTest {

  private static final String SIGNATURE = "Zm9vYmFyc2VjcmV0c2lnbmF0dXJl%2Bx%3D";
  private static final String AZURE_CHINA = "https://isvstore.blob.core.chinacloudapi.cn/vhds/images/os.vhd"
      + "?sv=2025-01-05&st=2026-03-01T02%3A00%3A00Z&se=2026-03-20T02%3A00%3A00Z&sr=b&sp=rl&sig=" + SIGNATURE;

  @Test
  void exposesTheFieldsTheChecksNeed() throws Exception {
    SasUri uri = SasUri.parse(AZURE_CHINA);

    assertThat(uri.scheme()).isEqualTo("https");
    assertThat(uri.host()).isEqualTo("isvstore.blob.core.chinacloudapi.cn");
    assertThat(uri.accountName()).isEqualTo("isvstore");
    assertThat(uri.containerName()).isEqualTo("vhds");
    assertThat(uri.blobName()).isEqualTo("images/os.vhd");
    assertThat(uri.permissions()).contains("rl");
    assertThat(uri.start()).contains(Instant.parse("2026-03-01T02:00:00Z"));
    assertThat(uri.expiry()).contains(Instant.parse("2026-03-20T02:00:00Z"));
  }

  @Test
  void aSasWithoutStartTimeIsValid() throws Exception {
    SasUri uri = SasUri.parse("https://isvstore.blob.core.chinacloudapi.cn/vhds/os.vhd"
        + "?sv=2025-01-05&se=2026-03-20T02%3A00%3A00Z&sr=b&sp=rl&sig=abc");

    assertThat(uri.start()).isEmpty();
    assertThat(uri.expiry()).isPresent();
  }

  @Test
  void readsTheEmulatorsPathStyleUris() throws Exception {
    SasUri uri = SasUri.parse("http://127.0.0.1:10000/devstoreaccount1/vhds/os.vhd?sv=2025-01-05&sp=rl&sig=abc");

    assertThat(uri.host()).isEqualTo("127.0.0.1");
    assertThat(uri.accountName()).isEqualTo("devstoreaccount1");
    assertThat(uri.containerName()).isEqualTo("vhds");
    assertThat(uri.blobName()).isEqualTo("os.vhd");
    assertThat(uri.expiry()).isEmpty();
  }

  @Test
  void neverShowsTheSignature() throws Exception {
    SasUri uri = SasUri.parse(AZURE_CHINA);

    assertThat(uri.masked()).doesNotContain(SIGNATURE).endsWith("&sig=***").startsWith("https://isvstore");
    assertThat(uri.toString()).isEqualTo(uri.masked());
    assertThat(new SasUriCheck(List.of(), Optional.of(uri), uri.expiry()).toString())
        .doesNotContain(SIGNATURE);
    assertThat(VhdDisk.linuxOs(AZURE_CHINA).toString()).doesNotContain(SIGNATURE).contains("sig=***");
    assertThat(SasUri.mask("junk?SIG=secret&x=1")).isEqualTo("junk?SIG=***&x=1");
  }

  @Test
  void blanksInsideThePastedUriBelongToTheBlobName() throws Exception {
    SasUri uri = SasUri.parse("  https://isvstore.blob.core.chinacloudapi.cn/vhds/my disk.vhd?sp=rl&sig=abc \n");

    assertThat(uri.blobName()).isEqualTo("my disk.vhd");
  }

  @ParameterizedTest(name = "[{0}] is refused as {1}")
  @CsvSource(delimiter = '|', value = {
      "''| MISSING",
      "'   '| MISSING",
      "just some text| NOT_A_URI",
      "https://| NOT_A_URI",
      "https://user:pass@isvstore.blob.core.chinacloudapi.cn/vhds/os.vhd?sp=rl&sig=abc| NOT_A_URI",
      "ftp://isvstore.blob.core.chinacloudapi.cn/vhds/os.vhd?sp=rl&sig=abc| NOT_HTTP",
      "https://isvstore.blob.core.chinacloudapi.cn/vhds/os.vhd| NO_SIGNATURE",
      "https://isvstore.blob.core.chinacloudapi.cn/vhds/os.vhd?sp=rl&sig=| NO_SIGNATURE",
      "https://isvstore.blob.core.chinacloudapi.cn/vhds/os.vhd?sp=rl&st=yesterday&sig=abc| BAD_PARAMETERS",
      "https://isvstore.blob.core.chinacloudapi.cn/vhds/os.vhd?sp=rl&se=2026-13-45&sig=abc| BAD_PARAMETERS"})
  void refusesWhatIsNoUsableSasUri(String raw, Reason reason) {
    assertThatThrownBy(() -> SasUri.parse(raw))
        .isInstanceOfSatisfying(InvalidSasUriException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageNotContaining("abc");
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> SasUri.parse(null))
        .isInstanceOfSatisfying(InvalidSasUriException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING));
  }
}
