package cn.marketplace.onboarding.release;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SKUs of each release: written once, when the release starts, and never changed after that. They
 * are rows of their own rather than a collection of the release because Spring Data JDBC saves an
 * aggregate whole: every change of a release's state deleted its SKU rows and inserted them again, and
 * every load of a release read them, whether or not the step needed them.
 */
@Component
class ReleasedSkus {

  private static final String COLUMNS =
      "release_id, sku_ref, image_version_ref, sku_id, version, summary, pricing_model, certification_report_id";

  private final JdbcClient jdbc;

  ReleasedSkus(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(String releaseId, Collection<ReleasedSku> skus) {
    for (ReleasedSku sku : skus) {
      jdbc.sql("insert into offer_release_sku (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)")
          .params(releaseId, sku.getSkuRef(), sku.getImageVersionRef(), sku.getSkuId(), sku.getVersion(),
              sku.getSummary(), sku.getPricingModel(), sku.getCertificationReportId())
          .update();
    }
  }

  /** The release's SKUs by SKU id. */
  List<ReleasedSku> of(OfferRelease release) {
    return jdbc.sql("select " + COLUMNS + " from offer_release_sku where release_id = ? order by sku_id")
        .param(release.getId())
        .query(ReleasedSkus::sku)
        .list();
  }

  /** The SKUs of each of these releases by release id, each release's by SKU id: one query for a whole list. */
  Map<String, List<ReleasedSku>> ofEach(Collection<OfferRelease> releases) {
    if (releases.isEmpty()) {
      return Map.of();
    }
    return jdbc.sql("select " + COLUMNS + " from offer_release_sku where release_id in (:ids) order by sku_id")
        .param("ids", releases.stream().map(OfferRelease::getId).toList())
        .query((row, number) -> Map.entry(row.getString("release_id"), sku(row, number)))
        .stream()
        .collect(Collectors.groupingBy(Map.Entry::getKey, LinkedHashMap::new,
            Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
  }

  private static ReleasedSku sku(ResultSet row, int number) throws SQLException {
    return new ReleasedSku(row.getString("sku_ref"), row.getString("image_version_ref"), row.getString("sku_id"),
        row.getString("version"), row.getString("summary"), row.getString("pricing_model"),
        row.getString("certification_report_id"));
  }
}
