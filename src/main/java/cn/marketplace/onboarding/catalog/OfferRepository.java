package cn.marketplace.onboarding.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

public interface OfferRepository extends ListCrudRepository<Offer, String> {

  Optional<Offer> findByPublisherIdAndOfferId(String publisherId, String offerId);

  List<Offer> findByPublisherIdOrderByOfferId(String publisherId);
}
