package cn.marketplace.onboarding.application;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Queries in JPQL: Hibernate keeps a JPQL query's plan, while a derived query ({@code findByX}) is built
 * as a criteria query and translated to SQL again at every call, and steps of every process call these.
 */
interface AmendLinkRepository extends JpaRepository<AmendLink, String> {

  @Query("select l from AmendLink l where l.applicationId = :applicationId")
  List<AmendLink> findByApplicationId(@Param("applicationId") String applicationId);
}
