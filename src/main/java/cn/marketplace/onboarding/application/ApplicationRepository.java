package cn.marketplace.onboarding.application;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApplicationRepository extends JpaRepository<Application, String> {

  Optional<Application> findByOpenCreditCode(String creditCode);

  Optional<Application> findByProcessInstanceId(String processInstanceId);
}
