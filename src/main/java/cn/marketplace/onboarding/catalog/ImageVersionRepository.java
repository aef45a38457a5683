package cn.marketplace.onboarding.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Queries in JPQL: Hibernate keeps a JPQL query's plan, while a derived query ({@code findByX}) is built
 * as a criteria query and translated to SQL again at every call, and steps of every process call these.
 */
public interface ImageVersionRepository extends JpaRepository<ImageVersion, String> {

  @Query("select v from ImageVersion v where v.sku = :sku")
  List<ImageVersion> findBySku(@Param("sku") Sku sku);

  @Query("select v from ImageVersion v where v.submissionId = :submissionId")
  Optional<ImageVersion> findBySubmissionId(@Param("submissionId") String submissionId);
}
