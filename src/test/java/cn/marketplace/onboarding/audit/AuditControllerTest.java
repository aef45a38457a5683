package cn.marketplace.onboarding.audit;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.marketplace.onboarding.testsupport.web.Callers;
import cn.marketplace.onboarding.testsupport.web.ControllerSlice;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** {@code /api/audit}: its filters as given, the page size capped, a bad instant refused, the trail mocked. */
@ControllerSlice(AuditController.class)
class AuditControllerTest {

  @Autowired MockMvc mvc;
  @MockitoBean AuditTrail auditTrail;

  @Test
  void theFiltersReachTheTrailAndThePageIsCapped() throws Exception {
    when(auditTrail.find(any())).thenReturn(List.of());

    mvc.perform(get("/api/audit").principal(Callers.support("li")).param("userId", "p1")
            .param("from", "2026-03-01T00:00:00Z").param("maxResults", "1000000"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$").isArray());
    verify(auditTrail).find(new AuditFilter(null, "p1", Instant.parse("2026-03-01T00:00:00Z"), null,
        AuditTrail.MAX_RESULTS));
  }

  @Test
  void anInstantThatIsNoneIsABadRequestNamingTheParameter() throws Exception {
    mvc.perform(get("/api/audit").principal(Callers.support("li")).param("from", "yesterday"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(containsString("'from'")));
    verifyNoInteractions(auditTrail);
  }
}
