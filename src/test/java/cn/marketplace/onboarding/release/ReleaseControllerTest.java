package cn.marketplace.onboarding.release;

import static cn.marketplace.onboarding.rules.Finding.fail;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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

/** {@code /api/releases}: what each refusal kind and each bad request answers, the services mocked. */
@ControllerSlice(ReleaseController.class)
class ReleaseControllerTest {

  private static final String CONTENT = "{\"offerId\":\"contoso-db\",\"titleEn\":\"Contoso DB\"}";

  @Autowired MockMvc mvc;
  @MockitoBean ReleaseStarts starts;
  @MockitoBean ReleaseService releases;
  @MockitoBean Catalogue catalogue;

  @Test
  void aReleaseIsStartedForTheSignedInUserAndNamedInLocation() throws Exception {
    when(starts.start(eq("p1"), anyCollection(), any())).thenReturn(
        new ReleaseStarts.StartedRelease("r-1", "pi-1", "SUBMITTED"));

    mvc.perform(post("/api/releases").principal(Callers.publisher("p1")).contentType(MediaType.APPLICATION_JSON)
            .content(CONTENT))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/releases/r-1"))
        .andExpect(jsonPath("$.state").value("SUBMITTED"));
    verify(starts).start(eq("p1"), eq(List.of("publishers", "isv-p1")), any());
  }

  @Test
  void aPublisherNotActiveIsForbiddenWithItsFinding() throws Exception {
    when(starts.start(any(), anyCollection(), any())).thenThrow(new ReleaseRefusedException(
        ReleaseRefusedException.Reason.NOT_ACTIVE,
        List.of(fail(RuleId.ACT_1, "publisher", "ACT-1.not-active", "publisher", "p1")), RuleMessages.EN));

    mvc.perform(post("/api/releases").principal(Callers.publisher("p1")).contentType(MediaType.APPLICATION_JSON)
            .content(CONTENT))
        .andExpect(status().isForbidden())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(endsWith("/release-refused")))
        .andExpect(jsonPath("$.title").value("Release refused"))
        .andExpect(jsonPath("$.reason").value("NOT_ACTIVE"))
        .andExpect(jsonPath("$.findings[0].ruleId").value("ACT-1"))
        .andExpect(jsonPath("$.findings[0].subject").value("publisher"))
        .andExpect(jsonPath("$.detail").value(containsString("[ACT-1]")));
  }

  @Test
  void anotherTimeForAReleaseNotScheduledIsAConflictNamingRel1() throws Exception {
    doThrow(new ReleaseRefusedException(ReleaseRefusedException.Reason.CONFLICT,
        List.of(fail(RuleId.REL_1, "releaseId", "REL-1.not-scheduled", "releaseId", "IN_REVIEW")), RuleMessages.EN))
        .when(releases).askForAnotherTime(eq("r-1"), anyCollection(), eq("next week"));

    mvc.perform(post("/api/releases/r-1/time-change-request").principal(Callers.publisher("p1"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"preferredWindow\":\"next week\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.reason").value("CONFLICT"))
        .andExpect(jsonPath("$.findings[0].ruleId").value("REL-1"))
        .andExpect(jsonPath("$.findings[0].subject").value("releaseId"))
        .andExpect(jsonPath("$.detail").value(containsString("only a scheduled release can be given another time")));
  }

  @Test
  void anotherTimeWithoutAWindowIsABadRequestNamingTheFieldAndStg3() throws Exception {
    doThrow(new ReleaseRefusedException(ReleaseRefusedException.Reason.INVALID,
        List.of(fail(RuleId.STG_3, "preferredWindow", "STG-3.window-required", "preferredWindow", 200)),
        RuleMessages.EN))
        .when(releases).askForAnotherTime(eq("r-1"), anyCollection(), eq(null));

    mvc.perform(post("/api/releases/r-1/time-change-request").principal(Callers.publisher("p1"))
            .contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.reason").value("INVALID"))
        .andExpect(jsonPath("$.findings[0].ruleId").value("STG-3"))
        .andExpect(jsonPath("$.findings[0].subject").value("preferredWindow"));
  }

  @Test
  void aWithdrawalIsAcceptedForTheCallersGroups() throws Exception {
    mvc.perform(post("/api/releases/r-1/withdrawal").principal(Callers.publisher("p1")))
        .andExpect(status().isAccepted());
    verify(releases).withdraw("r-1", List.of("publishers", "isv-p1"));
  }

  @Test
  void aReleaseTheCallerMayNotSeeIsNotFoundAndRevealsNothing() throws Exception {
    when(releases.visible(eq("r-9"), anyCollection())).thenThrow(new ReleaseNotFoundException("release r-9"));

    mvc.perform(get("/api/releases/r-9").principal(Callers.publisher("p1")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value(endsWith("/not-found")))
        .andExpect(jsonPath("$.detail").value("No such offer, release or publisher catalogue is visible to you."));
    verifyNoInteractions(catalogue);
  }

  @Test
  void aBodyThatIsNoReleaseIsMalformedAndReachesNoService() throws Exception {
    mvc.perform(post("/api/releases").principal(Callers.publisher("p1")).contentType(MediaType.APPLICATION_JSON)
            .content("[\"not\", \"a release\"]"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value(endsWith("/malformed-request")));
    verifyNoInteractions(starts);
  }
}
