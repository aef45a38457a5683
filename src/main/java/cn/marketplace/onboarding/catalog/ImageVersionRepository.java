package cn.marketplace.onboarding.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ImageVersionRepository extends JpaRepository<ImageVersion, String> {

  List<ImageVersion> findBySku(Sku sku);

  Optional<ImageVersion> findBySubmissionId(String submissionId);
}
