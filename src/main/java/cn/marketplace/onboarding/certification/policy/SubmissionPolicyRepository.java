package cn.marketplace.onboarding.certification.policy;

import org.springframework.data.repository.ListCrudRepository;

public interface SubmissionPolicyRepository extends ListCrudRepository<SubmissionPolicy, String> {}
