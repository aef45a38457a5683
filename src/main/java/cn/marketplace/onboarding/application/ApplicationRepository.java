package cn.marketplace.onboarding.application;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

public interface ApplicationRepository extends ListCrudRepository<Application, String> {

  Optional<Application> findByOpenCreditCode(String creditCode);

  Optional<Application> findByProcessInstanceId(String processInstanceId);
}
