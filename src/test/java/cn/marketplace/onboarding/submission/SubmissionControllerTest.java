package cn.marketplace.onboarding.submission;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.marketplace.onboarding.catalog.ImageType;
import cn.marketplace.onboarding.certification.policy.SubmissionPolicies;
import cn.marketplace.onboarding.certification.report.ReportViews;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.testsupport.web.Callers;
import cn.marketplace.onboarding.testsupport.web.ControllerSlice;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** {@code /api/submissions}: what each refusal and each bad request answers, the services mocked. */
@ControllerSlice(SubmissionController.class)
class SubmissionControllerTest {

  private static final String FORM = "{\"offerId\":\"contoso-db\",\"skuId\":\"standard\"}";

  @Autowired MockMvc mvc;
  @MockitoBean SubmissionService submissions;
  @MockitoBean ReportViews reports;
  @MockitoBean SubmissionPolicies certificationPolicies;

  @Test
  void aSubmissionIsStartedForTheCallersGroupsAndNamedInLocation() throws Exception {
    when(submissions.submit(anyCollection(), any())).thenReturn(new SubmittedSubmission("s-1", "pi-1", "REGISTERED"));

    mvc.perform(post("/api/submissions").principal(Callers.publisher("p1")).contentType(MediaType.APPLICATION_JSON)
            .content(FORM))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/submissions/s-1"))
        .andExpect(jsonPath("$.processInstanceId").value("pi-1"));
    verify(submissions).submit(eq(List.of("publishers", "isv-p1")), any());
  }

  @Test
  void aPublisherNotActiveYetIsForbiddenWithRuleAcct2InItsLanguage() throws Exception {
    when(submissions.submit(anyCollection(), any())).thenThrow(new SubmissionRefusedException(
        SubmissionRefusedException.Reason.NOT_ACTIVE,
        Finding.fail(RuleId.ACCT_2, "publisher", "ACCT-2.not-active", "publisher", "p1")));

    mvc.perform(post("/api/submissions").principal(Callers.publisher("p1")).contentType(MediaType.APPLICATION_JSON)
            .header("Accept-Language", "en").content(FORM))
        .andExpect(status().isForbidden())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(endsWith("/not-allowed-to-publish")))
        .andExpect(jsonPath("$.title").value("Not allowed to publish"))
        .andExpect(jsonPath("$.detail").value(containsString("[ACCT-2] publisher: publisher p1 may not publish yet")))
        .andExpect(jsonPath("$.reason").value("NOT_ACTIVE"));
    mvc.perform(post("/api/submissions").principal(Callers.publisher("p1")).contentType(MediaType.APPLICATION_JSON)
            .header("Accept-Language", "zh-CN").content(FORM))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value(containsString("[ACCT-2]")))
        .andExpect(jsonPath("$.detail").value(not(containsString("may not publish"))));
  }

  @Test
  void aValueTooLongToStoreIsABadRequestNamingTheField() throws Exception {
    when(submissions.submit(anyCollection(), any())).thenThrow(new SubmissionRefusedException(
        SubmissionRefusedException.Reason.BAD_FIELD, "vmHost: at most 253 characters can be submitted"));

    mvc.perform(post("/api/submissions").principal(Callers.publisher("p1")).contentType(MediaType.APPLICATION_JSON)
            .content(FORM))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(endsWith("/invalid-submission")))
        .andExpect(jsonPath("$.title").value("Invalid submission"))
        .andExpect(jsonPath("$.detail").value("vmHost: at most 253 characters can be submitted"))
        .andExpect(jsonPath("$.reason").value("BAD_FIELD"));
  }

  @Test
  void aBodyThatIsNoSubmissionIsMalformedAndReachesNoService() throws Exception {
    mvc.perform(post("/api/submissions").principal(Callers.publisher("p1")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"offerId\": [1, 2"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(endsWith("/malformed-request")))
        .andExpect(jsonPath("$.title").value("Malformed request"));
    verifyNoInteractions(submissions);
  }

  @Test
  void aDryRunByACallerOfNoPublisherIsForbidden() throws Exception {
    when(submissions.dryRun(anyCollection(), any())).thenThrow(new SubmissionRefusedException(
        SubmissionRefusedException.Reason.NOT_A_PUBLISHER,
        "Only publishers and the marketplace support team may check submissions."));

    mvc.perform(post("/api/submissions/check").principal(Callers.user("someone"))
            .contentType(MediaType.APPLICATION_JSON).content(FORM))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value(endsWith("/not-allowed-to-publish")))
        .andExpect(jsonPath("$.reason").value("NOT_A_PUBLISHER"));
  }

  @Test
  void aSubmissionTheCallerMayNotSeeIsNotFoundAndRevealsNothing() throws Exception {
    when(submissions.statusFor(eq("s-2"), anyCollection(), anyBoolean()))
        .thenThrow(new SubmissionNotFoundException("s-2"));

    mvc.perform(get("/api/submissions/s-2").principal(Callers.publisher("p1")))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(endsWith("/submission-not-found")))
        .andExpect(jsonPath("$.detail").value("No submission with this id is visible to you."));
    verify(submissions).statusFor("s-2", List.of("publishers", "isv-p1"), false);
  }

  @Test
  void theSupportTeamSeesAnySubmission() throws Exception {
    when(submissions.statusFor(eq("s-3"), anyCollection(), anyBoolean()))
        .thenReturn(new SubmissionStatus("s-3", "pi-3", "NEEDS_FIX", List.of(), ImageType.X64_GEN1));

    mvc.perform(get("/api/submissions/s-3").principal(Callers.support("li")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("NEEDS_FIX"));
    verify(submissions).statusFor("s-3", List.of(Groups.SUPPORT), true);
  }

  @Test
  void anErrorOfOursIsAnInternalProblemWithoutItsText() throws Exception {
    when(submissions.submit(anyCollection(), any())).thenThrow(new IllegalStateException("no submission x-secret"));

    mvc.perform(post("/api/submissions").principal(Callers.publisher("p1")).contentType(MediaType.APPLICATION_JSON)
            .content(FORM))
        .andExpect(status().isInternalServerError())
        .andExpect(jsonPath("$.type").value(endsWith("/internal")))
        .andExpect(content().string(not(containsString("x-secret"))));
  }
}
