package cn.marketplace.onboarding.certification.policy;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SubmissionPolicyRepository extends JpaRepository<SubmissionPolicy, String> {}
