package cn.marketplace.onboarding.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

public interface OfferRepository extends ListCrudRepository<Offer, String> {

  @Query("select * from offer where publisher_id = :publisherId and offer_id = :offerId")
  Optional<Offer> findByPublisherIdAndOfferId(@Param("publisherId") String publisherId,
      @Param("offerId") String offerId);

  @Query("select * from offer where publisher_id = :publisherId order by offer_id")
  List<Offer> findByPublisherIdOrderByOfferId(@Param("publisherId") String publisherId);
}
