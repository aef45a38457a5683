package cn.marketplace.onboarding.account;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface PublisherRepository extends JpaRepository<Publisher, String> {

  Optional<Publisher> findByApplicationId(String applicationId);

  /** The publisher that the application of an onboarding instance became, in one query. */
  @Query("select p from Publisher p where p.applicationId in "
      + "(select a.id from Application a where a.processInstanceId = :processInstanceId)")
  Optional<Publisher> findByOnboardingInstance(@Param("processInstanceId") String processInstanceId);
}
