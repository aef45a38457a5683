package cn.marketplace.onboarding.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

public interface ImageVersionRepository extends ListCrudRepository<ImageVersion, String> {

  List<ImageVersion> findBySkuRef(String skuRef);

  Optional<ImageVersion> findBySubmissionId(String submissionId);
}
