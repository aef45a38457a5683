package cn.marketplace.onboarding.submission;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

public interface SubmissionRepository extends ListCrudRepository<Submission, String> {

  Optional<Submission> findByProcessInstanceId(String processInstanceId);
}
