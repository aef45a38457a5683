package cn.marketplace.onboarding.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface OfferRepository extends JpaRepository<Offer, String> {

  Optional<Offer> findByPublisherIdAndOfferId(String publisherId, String offerId);

  List<Offer> findByPublisherIdOrderByOfferId(String publisherId);
}
