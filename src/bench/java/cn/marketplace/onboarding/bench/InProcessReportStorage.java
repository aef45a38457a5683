package cn.marketplace.onboarding.bench;

import cn.marketplace.onboarding.certification.report.CertificationReport;
import cn.marketplace.onboarding.certification.report.ReportPublisher;
import cn.marketplace.onboarding.certification.report.ReportStorageProperties;
import cn.marketplace.onboarding.submission.vhd.StorageProperties;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The product's report storage account, in process: our code builds both documents of every report
 * (JSON and HTML) as it would for a real account, and this takes them under the blob names the real
 * publisher uses, counting the bytes instead of uploading them.
 */
final class InProcessReportStorage extends ReportPublisher {

  private final AtomicLong documents = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  InProcessReportStorage(ReportStorageProperties reports, StorageProperties storage) {
    // no connection string: the real publisher builds no client
    super(new ReportStorageProperties(reports.reportContainer(), ""), storage);
  }

  @Override
  public Optional<Published> publish(CertificationReport report, String json, String html) {
    CertificationReport.Image image = report.image();
    String base = String.join("/", image.publisherId(), image.offerId() + "-" + image.skuId(), image.version(),
        report.getId());
    documents.addAndGet(2);
    bytes.addAndGet(json.getBytes(StandardCharsets.UTF_8).length + html.getBytes(StandardCharsets.UTF_8).length);
    return Optional.of(new Published(base + ".json", base + ".html"));
  }

  long documents() {
    return documents.get();
  }

  long bytes() {
    return bytes.get();
  }
}
