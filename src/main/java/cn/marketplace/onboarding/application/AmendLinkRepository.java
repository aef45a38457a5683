package cn.marketplace.onboarding.application;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface AmendLinkRepository extends JpaRepository<AmendLink, String> {

  List<AmendLink> findByApplicationId(String applicationId);
}
