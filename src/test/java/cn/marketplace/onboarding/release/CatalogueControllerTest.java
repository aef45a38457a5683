package cn.marketplace.onboarding.release;

import static cn.marketplace.onboarding.rules.Finding.fail;
import static org.hamcrest.Matchers.endsWith;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.RuleMessages;
import cn.marketplace.onboarding.testsupport.web.Callers;
import cn.marketplace.onboarding.testsupport.web.ControllerSlice;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The catalogue's API: who may see and retire what, the catalogue mocked. */
@ControllerSlice(CatalogueController.class)
class CatalogueControllerTest {

  @Autowired MockMvc mvc;
  @MockitoBean Catalogue catalogue;

  @Test
  void anotherPublishersCatalogueIsNotFound() throws Exception {
    when(catalogue.offersOf(eq("p2"), anyCollection()))
        .thenThrow(new ReleaseNotFoundException("catalogue of publisher p2"));

    mvc.perform(get("/api/publishers/p2/offers").principal(Callers.publisher("p1")))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(endsWith("/not-found")))
        .andExpect(jsonPath("$.title").value("Not found"));
    verify(catalogue).offersOf("p2", List.of(Groups.PUBLISHERS, "isv-p1"));
  }

  @Test
  void onlyThePublishersUsersRetireAnOfferPrice5() throws Exception {
    when(catalogue.retire(eq("p1"), eq("contoso-db"), anyCollection())).thenThrow(new ReleaseRefusedException(
        ReleaseRefusedException.Reason.FORBIDDEN, List.of(fail(RuleId.PRICE_5, "offerId",
            "PRICE-5.retire-publisher-only", "offerId", "contoso-db")), RuleMessages.EN));

    mvc.perform(post("/api/publishers/p1/offers/contoso-db/retirement").principal(Callers.support("li")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value(endsWith("/release-refused")))
        .andExpect(jsonPath("$.reason").value("FORBIDDEN"))
        .andExpect(jsonPath("$.findings[0].ruleId").value("PRICE-5"))
        .andExpect(jsonPath("$.findings[0].subject").value("offerId"));
  }

  @Test
  void retiringAnOfferWithAnOpenReleaseIsAConflictOffer1() throws Exception {
    when(catalogue.retire(eq("p1"), eq("contoso-db"), anyCollection())).thenThrow(new ReleaseRefusedException(
        ReleaseRefusedException.Reason.CONFLICT, List.of(fail(RuleId.OFFER_1, "offerId",
            "OFFER-1.release-open", "offerId", "contoso-db", "IN_REVIEW")), RuleMessages.EN));

    mvc.perform(post("/api/publishers/p1/offers/contoso-db/retirement").principal(Callers.publisher("p1")))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.reason").value("CONFLICT"))
        .andExpect(jsonPath("$.findings[0].ruleId").value("OFFER-1"));
  }

  @Test
  void theLiveCatalogueIsOpenToAnyone() throws Exception {
    when(catalogue.live()).thenReturn(List.of());

    mvc.perform(get("/api/offers"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$").isArray());
  }
}
