package cn.marketplace.onboarding.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

public interface SkuRepository extends ListCrudRepository<Sku, String> {

  @Query("select * from sku where publisher_id = :publisherId and sku_id = :skuId")
  Optional<Sku> findByPublisherIdAndSkuId(@Param("publisherId") String publisherId, @Param("skuId") String skuId);

  @Query("select * from sku where offer_ref = :offerRef order by sku_id")
  List<Sku> findByOfferRefOrderBySkuId(@Param("offerRef") String offerRef);
}
