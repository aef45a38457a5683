package cn.marketplace.onboarding.account;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PublisherRepository extends JpaRepository<Publisher, String> {

  Optional<Publisher> findByApplicationId(String applicationId);
}
