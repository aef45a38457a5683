package cn.marketplace.onboarding.application;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
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
import cn.marketplace.onboarding.testsupport.web.ControllerSlice;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** {@code /api/applications} and {@code /api/amendments}: refusals and bad requests, the service mocked. */
@ControllerSlice(ApplicationController.class)
class ApplicationControllerTest {

  private static final String FORM = "{\"companyName\":\"\",\"language\":\"en\"}";

  @Autowired MockMvc mvc;
  @MockitoBean ApplicationService applications;

  @Test
  void anInvalidApplicationListsEachFieldWithItsRuleInBothLanguages() throws Exception {
    when(applications.submit(any())).thenThrow(new InvalidApplicationException(List.of(
        new FieldError("companyName", RuleId.APPLY_1, "application.required")), RuleMessages.EN));

    mvc.perform(post("/api/applications").contentType(MediaType.APPLICATION_JSON).content(FORM))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(endsWith("/invalid-application")))
        .andExpect(jsonPath("$.title").value("Invalid application"))
        .andExpect(jsonPath("$.detail").value("The application has 1 invalid field(s)."))
        .andExpect(jsonPath("$.errors[0].field").value("companyName"))
        .andExpect(jsonPath("$.errors[0].ruleId").value("APPLY-1"))
        .andExpect(jsonPath("$.errors[0].messageEn").value("[APPLY-1] This field is required."))
        .andExpect(jsonPath("$.errors[0].messageZh").value(startsWith("[APPLY-1] ")));
  }

  @Test
  void anApplicationThatRacedAnotherIsSubmittedOnceMore() throws Exception {
    when(applications.submit(any())).thenThrow(new ApplicationService.ConcurrentApplicationException())
        .thenReturn(new SubmittedApplication("a-1", "pi-1", "SUBMITTED"));

    mvc.perform(post("/api/applications").contentType(MediaType.APPLICATION_JSON).content(FORM))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/applications/a-1"));
    verify(applications, times(2)).submit(any());
  }

  @Test
  void anUnusableAmendmentLinkIsGone() throws Exception {
    when(applications.amendmentFor("used")).thenThrow(new AmendLinkInvalidException());
    when(applications.amend(eq("used"), any())).thenThrow(new AmendLinkInvalidException());

    mvc.perform(get("/api/amendments/used"))
        .andExpect(status().isGone())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(endsWith("/amend-link-invalid")))
        .andExpect(jsonPath("$.title").value("Amendment link not usable"));
    mvc.perform(post("/api/amendments/used").contentType(MediaType.APPLICATION_JSON).content(FORM))
        .andExpect(status().isGone())
        .andExpect(jsonPath("$.type").value(endsWith("/amend-link-invalid")));
  }

  @Test
  void aBodyThatIsNoApplicationIsMalformedAndReachesNoService() throws Exception {
    mvc.perform(post("/api/applications").contentType(MediaType.APPLICATION_JSON).content("{\"companyName\": "))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(endsWith("/malformed-request")));
    verifyNoInteractions(applications);
  }
}
