package cn.marketplace.onboarding.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Queries in JPQL: Hibernate keeps a JPQL query's plan, while a derived query ({@code findByX}) is built
 * as a criteria query and translated to SQL again at every call, and steps of every process call these.
 */
public interface SkuRepository extends JpaRepository<Sku, String> {

  @Query("select s from Sku s where s.publisherId = :publisherId and s.skuId = :skuId")
  Optional<Sku> findByPublisherIdAndSkuId(@Param("publisherId") String publisherId, @Param("skuId") String skuId);

  @Query("select s from Sku s where s.offer = :offer order by s.skuId")
  List<Sku> findByOfferOrderBySkuId(@Param("offer") Offer offer);
}
