package cn.marketplace.onboarding.release;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

public interface OfferReleaseRepository extends ListCrudRepository<OfferRelease, String> {

  @Query("select * from offer_release where process_instance_id = :processInstanceId")
  Optional<OfferRelease> findByProcessInstanceId(@Param("processInstanceId") String processInstanceId);

  @Query("select * from offer_release where open_offer_ref = :offerRef")
  Optional<OfferRelease> findByOpenOfferRef(@Param("offerRef") String offerRef);

  @Query("select * from offer_release where offer_ref = :offerRef order by created_at desc")
  List<OfferRelease> findByOfferRefOrderByCreatedAtDesc(@Param("offerRef") String offerRef);

  @Query("select * from offer_release where offer_ref = :offerRef and state = :state")
  List<OfferRelease> findByOfferRefAndState(@Param("offerRef") String offerRef, @Param("state") ReleaseState state);

  @Query("select * from offer_release where state = :state order by released_at desc")
  List<OfferRelease> findByStateOrderByReleasedAtDesc(@Param("state") ReleaseState state);
}
