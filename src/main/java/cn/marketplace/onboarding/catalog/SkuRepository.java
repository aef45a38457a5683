package cn.marketplace.onboarding.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

public interface SkuRepository extends ListCrudRepository<Sku, String> {

  Optional<Sku> findByPublisherIdAndSkuId(String publisherId, String skuId);

  List<Sku> findByOfferRefOrderBySkuId(String offerRef);
}
