package cn.marketplace.onboarding.application;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Queries in JPQL: Hibernate keeps a JPQL query's plan, while a derived query ({@code findByX}) is built
 * as a criteria query and translated to SQL again at every call, and steps of every process call these.
 */
public interface ApplicationRepository extends JpaRepository<Application, String> {

  @Query("select a from Application a where a.openCreditCode = :creditCode")
  Optional<Application> findByOpenCreditCode(@Param("creditCode") String creditCode);

  @Query("select a from Application a where a.processInstanceId = :processInstanceId")
  Optional<Application> findByProcessInstanceId(@Param("processInstanceId") String processInstanceId);
}
