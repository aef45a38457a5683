package cn.marketplace.onboarding.certification.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The product's own storage account, where certification reports are published
 * ({@code onboarding.storage.report-*}; the other {@code onboarding.storage.*} settings are about the
 * ISVs' SAS URIs).
 *
 * @param reportContainer the container the reports go to; created when missing
 * @param reportConnectionString an Azure Storage connection string of the product's account, with its
 *     account key or a {@code SharedAccessSignature} allowing create and write on that container; from
 *     the environment ({@code ONBOARDING_REPORT_STORAGE}). Empty: reports are kept in the database only.
 */
@ConfigurationProperties("onboarding.storage")
public record ReportStorageProperties(
    @DefaultValue("certification-reports") String reportContainer,
    @DefaultValue("") String reportConnectionString) {

  public boolean publishes() {
    return reportConnectionString != null && !reportConnectionString.isBlank();
  }

  @Override
  public String toString() {
    return "ReportStorageProperties[reportContainer=" + reportContainer + ", reportConnectionString="
        + (publishes() ? "***" : "") + "]";
  }
}
