package cn.marketplace.onboarding.account;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Queries in JPQL: Hibernate keeps a JPQL query's plan, while a derived query ({@code findByX}) is built
 * as a criteria query and translated to SQL again at every call, and steps of every process call these.
 */
public interface PublisherRepository extends JpaRepository<Publisher, String> {

  @Query("select p from Publisher p where p.applicationId = :applicationId")
  Optional<Publisher> findByApplicationId(@Param("applicationId") String applicationId);

  /** Every publisher's id, without loading the publishers. */
  @Query("select p.id from Publisher p order by p.id")
  java.util.List<String> findAllIds();

  /** ACT-5: the active publishers a credential activated already, but {@code publisherId}. */
  @Query("select p from Publisher p where p.credentialType = :type and p.credential = :credential"
      + " and p.id <> :publisherId and p.status = cn.marketplace.onboarding.account.Publisher.Status.ACTIVE")
  java.util.List<Publisher> findOthersActivatedWith(@Param("type") String credentialType,
      @Param("credential") String credential, @Param("publisherId") String publisherId);

  /** The publisher that the application of an onboarding instance became, in one query. */
  @Query("select p from Publisher p where p.applicationId in "
      + "(select a.id from Application a where a.processInstanceId = :processInstanceId)")
  Optional<Publisher> findByOnboardingInstance(@Param("processInstanceId") String processInstanceId);
}
