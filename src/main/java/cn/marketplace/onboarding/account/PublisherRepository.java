package cn.marketplace.onboarding.account;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

public interface PublisherRepository extends ListCrudRepository<Publisher, String> {

  @Query("select * from publisher where application_id = :applicationId")
  Optional<Publisher> findByApplicationId(@Param("applicationId") String applicationId);

  /** Every publisher's id, without loading the publishers. */
  @Query("select id from publisher order by id")
  List<String> findAllIds();

  /** ACT-5: the active publishers a credential activated already, but {@code publisherId}. */
  @Query("select * from publisher where credential_type = :type and credential = :credential"
      + " and id <> :publisherId and status = 'ACTIVE'")
  List<Publisher> findOthersActivatedWith(@Param("type") String credentialType,
      @Param("credential") String credential, @Param("publisherId") String publisherId);

  /** The publisher that the application of an onboarding instance became, in one query. */
  @Query("select * from publisher where application_id in "
      + "(select id from application where process_instance_id = :processInstanceId)")
  Optional<Publisher> findByOnboardingInstance(@Param("processInstanceId") String processInstanceId);

  /** The publisher whose submission an image certification instance works on, in one query. */
  @Query("select * from publisher where id in "
      + "(select publisher_id from submission where process_instance_id = :processInstanceId)")
  Optional<Publisher> findByCertificationInstance(@Param("processInstanceId") String processInstanceId);

  /** The publisher whose release an offer release instance works on, in one query. */
  @Query("select * from publisher where id in "
      + "(select publisher_id from offer_release where process_instance_id = :processInstanceId)")
  Optional<Publisher> findByReleaseInstance(@Param("processInstanceId") String processInstanceId);
}
