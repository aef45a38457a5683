package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.catalog.Offer;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Queries in JPQL: Hibernate keeps a JPQL query's plan, while a derived query ({@code findByX}) is built
 * as a criteria query and translated to SQL again at every call, and steps of every process call these.
 */
public interface OfferReleaseRepository extends JpaRepository<OfferRelease, String> {

  /**
   * With its offer and SKUs in the same statement: each step of {@code offerRelease} starts here, and
   * loading them one by one took three statements per step.
   */
  @Query("select r from OfferRelease r join fetch r.offer left join fetch r.skus"
      + " where r.processInstanceId = :processInstanceId")
  Optional<OfferRelease> findByProcessInstanceId(@Param("processInstanceId") String processInstanceId);

  @Query("select r from OfferRelease r where r.openOfferRef = :offerRef")
  Optional<OfferRelease> findByOpenOfferRef(@Param("offerRef") String offerRef);

  @Query("select r from OfferRelease r where r.offer = :offer order by r.createdAt desc")
  List<OfferRelease> findByOfferOrderByCreatedAtDesc(@Param("offer") Offer offer);

  @Query("select r from OfferRelease r where r.offer = :offer and r.state = :state")
  List<OfferRelease> findByOfferAndState(@Param("offer") Offer offer, @Param("state") ReleaseState state);

  @Query("select r from OfferRelease r where r.state = :state order by r.releasedAt desc")
  List<OfferRelease> findByStateOrderByReleasedAtDesc(@Param("state") ReleaseState state);
}
