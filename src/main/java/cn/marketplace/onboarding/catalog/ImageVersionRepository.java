package cn.marketplace.onboarding.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

public interface ImageVersionRepository extends ListCrudRepository<ImageVersion, String> {

  @Query("select * from image_version where sku_ref = :skuRef")
  List<ImageVersion> findBySkuRef(@Param("skuRef") String skuRef);

  @Query("select * from image_version where submission_id = :submissionId")
  Optional<ImageVersion> findBySubmissionId(@Param("submissionId") String submissionId);
}
