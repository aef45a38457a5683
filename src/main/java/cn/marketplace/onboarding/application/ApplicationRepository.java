package cn.marketplace.onboarding.application;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

public interface ApplicationRepository extends ListCrudRepository<Application, String> {

  @Query("select * from application where open_credit_code = :creditCode")
  Optional<Application> findByOpenCreditCode(@Param("creditCode") String creditCode);

  @Query("select * from application where process_instance_id = :processInstanceId")
  Optional<Application> findByProcessInstanceId(@Param("processInstanceId") String processInstanceId);
}
