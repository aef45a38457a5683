package cn.marketplace.onboarding.application;

import java.util.List;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

interface AmendLinkRepository extends ListCrudRepository<AmendLink, String> {

  @Query("select * from amend_link where application_id = :applicationId")
  List<AmendLink> findByApplicationId(@Param("applicationId") String applicationId);
}
