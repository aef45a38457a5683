package cn.marketplace.onboarding.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.OnboardingSpringTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Our authorization manager keeps of a caller's groups exactly those the engine's keeps (the groups
 * that hold a grant), asking the database about those groups only.
 */
@OnboardingSpringTest
class AuthorizedGroupsTest {

  private static final String AUTHORIZATION_XML = "org/camunda/bpm/engine/impl/mapping/entity/Authorization.xml";

  @Autowired ProcessEngine engine;
  @Autowired AuthorizationService authorizationService;

  private CreatedGrants grants;

  @BeforeEach
  void noGrantsYet() {
    grants = new CreatedGrants(authorizationService);
  }

  @AfterEach
  void cleanUp() {
    grants.deleteAll();
  }

  @Test
  void theEngineUsesOurs() {
    assertThat(inACommand(() -> Context.getCommandContext().getAuthorizationManager()))
        .isInstanceOf(AuthorizedGroups.ByCallersGroups.class);
  }

  @Test
  void keepsTheSameGroupsAsTheEngine() {
    grant("ag-with-grant");
    grant("ag-also-with-grant");
    List<List<String>> callers = List.of(
        List.of("ag-with-grant"),
        List.of("ag-with-grant", "ag-without-grant"),
        List.of("ag-without-grant", "ag-also-with-grant", "ag-with-grant"),
        List.of("ag-without-grant"),
        List.of(Groups.REVIEWERS, Groups.SUPPORT, "ag-with-grant"),
        List.of("ag-with-grant", "ag-without-grant", "ag-with-grant"),
        List.of());

    for (List<String> groups : callers) {
      Map<String, List<String>> kept = inACommand(() -> Map.of(
          "engine", new AuthorizationManager().filterAuthenticatedGroupIds(groups),
          "ours", Context.getCommandContext().getAuthorizationManager().filterAuthenticatedGroupIds(groups)));
      assertThat(kept.get("ours")).as("%s", groups).containsExactlyInAnyOrderElementsOf(kept.get("engine"));
    }
    assertThat(inACommand(() -> Context.getCommandContext().getAuthorizationManager()
        .filterAuthenticatedGroupIds(List.of("ag-without-grant", "ag-with-grant")))).containsExactly("ag-with-grant");
  }

  /** Fails when an engine upgrade changes the statement whose answer ours narrows: then check ours again. */
  @Test
  void theEngineStatementWeNarrowIsTheOneWeKnow() throws Exception {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(AUTHORIZATION_XML)) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("""
            <select id="selectAuthorizedGroupIds" resultType="string">
              SELECT distinct(A.GROUP_ID_) FROM ${prefix}ACT_RU_AUTHORIZATION A
            </select>""".indent(2).stripTrailing());
    }
  }

  private void grant(String group) {
    grants.grant(null, group, Resources.FILTER, "ag-" + group, Permissions.READ);
  }

  private <T> T inACommand(java.util.function.Supplier<T> work) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(commandContext -> work.get());
  }
}
