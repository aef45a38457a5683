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
public interface OfferRepository extends JpaRepository<Offer, String> {

  @Query("select o from Offer o where o.publisherId = :publisherId and o.offerId = :offerId")
  Optional<Offer> findByPublisherIdAndOfferId(@Param("publisherId") String publisherId, @Param("offerId") String offerId);

  @Query("select o from Offer o where o.publisherId = :publisherId order by o.offerId")
  List<Offer> findByPublisherIdOrderByOfferId(@Param("publisherId") String publisherId);
}
