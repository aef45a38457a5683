package cn.marketplace.onboarding.application;

import java.util.List;
import org.springframework.data.repository.ListCrudRepository;

interface AmendLinkRepository extends ListCrudRepository<AmendLink, String> {

  List<AmendLink> findByApplicationId(String applicationId);
}
