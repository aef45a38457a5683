package cn.marketplace.onboarding.release;

/**
 * One SKU of a release: the certified image version it puts on sale, and the summary and pricing
 * model customers see, as they were when the release started (a free trial's length is the release's).
 */
public class ReleasedSku {

  private String skuRef;
  private String imageVersionRef;
  private String skuId;
  private String version;
  private String summary;
  private String pricingModel;
  private String certificationReportId;

  ReleasedSku(String skuRef, String imageVersionRef, String skuId, String version, String summary, String pricingModel,
      String certificationReportId) {
    this.skuRef = skuRef;
    this.imageVersionRef = imageVersionRef;
    this.skuId = skuId;
    this.version = version;
    this.summary = summary;
    this.pricingModel = pricingModel;
    this.certificationReportId = certificationReportId;
  }

  public String getSkuRef() { return skuRef; }
  public String getImageVersionRef() { return imageVersionRef; }
  public String getSkuId() { return skuId; }
  public String getVersion() { return version; }
  public String getSummary() { return summary; }
  public String getPricingModel() { return pricingModel; }
  public String getCertificationReportId() { return certificationReportId; }
}
