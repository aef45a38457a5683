package cn.marketplace.onboarding.submission;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Queries in JPQL: Hibernate keeps a JPQL query's plan, while a derived query ({@code findByX}) is built
 * as a criteria query and translated to SQL again at every call, and steps of every process call these.
 */
public interface SubmissionRepository extends JpaRepository<Submission, String> {

  @Query("select s from Submission s where s.processInstanceId = :processInstanceId")
  Optional<Submission> findByProcessInstanceId(@Param("processInstanceId") String processInstanceId);
}
