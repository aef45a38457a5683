package cn.marketplace.onboarding.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SkuRepository extends JpaRepository<Sku, String> {

  Optional<Sku> findByPublisherIdAndSkuId(String publisherId, String skuId);

  List<Sku> findByOfferOrderBySkuId(Offer offer);
}
