package cn.marketplace.onboarding.submission;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

public interface SubmissionRepository extends ListCrudRepository<Submission, String> {

  @Query("select * from submission where process_instance_id = :processInstanceId")
  Optional<Submission> findByProcessInstanceId(@Param("processInstanceId") String processInstanceId);
}
