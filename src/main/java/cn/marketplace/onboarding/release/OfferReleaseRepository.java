package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.catalog.Offer;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface OfferReleaseRepository extends JpaRepository<OfferRelease, String> {

  Optional<OfferRelease> findByProcessInstanceId(String processInstanceId);

  Optional<OfferRelease> findByOpenOfferRef(String offerRef);

  List<OfferRelease> findByOfferOrderByCreatedAtDesc(Offer offer);

  List<OfferRelease> findByOfferAndState(Offer offer, ReleaseState state);

  List<OfferRelease> findByStateOrderByReleasedAtDesc(ReleaseState state);
}
