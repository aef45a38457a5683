package cn.marketplace.onboarding.release;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

public interface OfferReleaseRepository extends ListCrudRepository<OfferRelease, String> {

  Optional<OfferRelease> findByProcessInstanceId(String processInstanceId);

  Optional<OfferRelease> findByOpenOfferRef(String offerRef);

  List<OfferRelease> findByOfferRefOrderByCreatedAtDesc(String offerRef);

  List<OfferRelease> findByOfferRefAndState(String offerRef, ReleaseState state);

  List<OfferRelease> findByStateOrderByReleasedAtDesc(ReleaseState state);
}
