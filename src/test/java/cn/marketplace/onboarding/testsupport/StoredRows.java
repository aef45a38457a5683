package cn.marketplace.onboarding.testsupport;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows that an aggregate under test refers to, written in SQL: an application, a publisher, a
 * submission, an offer, a SKU and an image version, with their required columns only.
 */
public final class StoredRows {

  private final JdbcTemplate jdbc;

  public StoredRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public String application() {
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into application (id, company_name, credit_code, registered_region, registered_address,"
        + " contact_name, contact_email, contact_phone, product_type, language, status, created_at, updated_at)"
        + " values (?, 'c', ?, 'CN-GD', 'a', 'n', 'n@example.cn', '+86 1', 'vm-image', 'en', 'APPROVED',"
        + " current_timestamp, current_timestamp)", id, id.substring(0, 18));
    return id;
  }

  /** A publisher of a new application; its id. */
  public String publisher() {
    String applicationId = application();
    String id = "p" + applicationId.replace("-", "").substring(0, 10);
    jdbc.update("insert into publisher (id, application_id, company_name, contact_email, language, status, created_at)"
        + " values (?, ?, 'c', 'n@example.cn', 'en', 'ACTIVE', current_timestamp)", id, applicationId);
    return id;
  }

  public String submission(String publisherId) {
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into submission (id, publisher_id, status, created_at, updated_at)"
        + " values (?, ?, 'VHDS_ACCEPTED', current_timestamp, current_timestamp)", id, publisherId);
    return id;
  }

  /** An offer's ref (its row's id). */
  public String offer(String publisherId, String offerId) {
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into offer (id, publisher_id, offer_id, name, created_at, updated_at)"
        + " values (?, ?, ?, 'n', current_timestamp, current_timestamp)", id, publisherId, offerId);
    return id;
  }

  public String sku(String offerRef, String publisherId, String skuId) {
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into sku (id, offer_ref, publisher_id, sku_id, summary, pricing_model, os_family, created_at,"
        + " updated_at) values (?, ?, ?, ?, 's', 'byol', 'linux', current_timestamp, current_timestamp)",
        id, offerRef, publisherId, skuId);
    return id;
  }

  public String imageVersion(String skuRef, String submissionId, String version) {
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into image_version (id, sku_ref, version, submission_id, status, created_at)"
        + " values (?, ?, ?, ?, 'CERTIFIED', current_timestamp)", id, skuRef, version, submissionId);
    return id;
  }
}
