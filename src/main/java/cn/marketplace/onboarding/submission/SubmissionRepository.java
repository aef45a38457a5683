package cn.marketplace.onboarding.submission;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SubmissionRepository extends JpaRepository<Submission, String> {

  Optional<Submission> findByProcessInstanceId(String processInstanceId);
}
