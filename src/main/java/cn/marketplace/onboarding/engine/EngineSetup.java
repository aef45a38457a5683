package cn.marketplace.onboarding.engine;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_TASK;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the contract's groups and what each role may do, at every start, idempotently: a role
 * gets the least it needs. Task rights come from the engine's default authorizations (candidate
 * groups get READ and TASK_WORK on their tasks); per-publisher rights come with the account.
 */
@Component
class EngineSetup {

  private static final Logger log = LoggerFactory.getLogger(EngineSetup.class);
  private static final String ONBOARDING = "publisherOnboarding";
  private static final String IMAGE_CERTIFICATION = "imageCertification";
  private static final String OFFER_RELEASE = "offerRelease";
  private static final String ALL = "*";

  private final IdentityService identityService;
  private final AuthorizationGrants grants;
  private final ClusterLock clusterLock;

  EngineSetup(IdentityService identityService, AuthorizationGrants grants,
      ClusterLock clusterLock) {
    this.identityService = identityService;
    this.grants = grants;
    this.clusterLock = clusterLock;
  }

  /** Nodes starting together take turns, so none inserts what another just created. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(1)
  public void setUp() {
    clusterLock.runExclusively(ClusterLock.ENGINE_SETUP, this::createGroupsAndGrants);
    log.info("Groups and role authorizations are in place");
  }

  private void createGroupsAndGrants() {
    for (String[] group : Groups.ALL) {
      ensureGroup(group[0], group[1]);
    }
    for (String group : new String[] {Groups.REVIEWERS, Groups.ACCOUNT_MANAGERS, Groups.SUPPORT, Groups.OPERATIONS,
        Groups.PUBLISHERS}) {
      // each role reads its own Tasklist filters (TasklistFilters)
      grants.grantGroup(group, APPLICATION, "tasklist", ACCESS);
    }
    // staff may enter an application from Tasklist's start form
    for (String group : new String[] {Groups.REVIEWERS, Groups.ACCOUNT_MANAGERS}) {
      grants.grantGroup(group, PROCESS_DEFINITION, ONBOARDING, ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.CREATE_INSTANCE);
      grants.grantGroup(group, PROCESS_INSTANCE, ALL, CREATE);
    }
    // Tasklist's variable columns (TasklistFilters) read the variables of the instances each role works on
    for (String group : new String[] {Groups.REVIEWERS, Groups.ACCOUNT_MANAGERS}) {
      grants.grantGroup(group, PROCESS_DEFINITION, ONBOARDING, ProcessDefinitionPermissions.READ_INSTANCE);
    }
    // operations watch everything in Cockpit and change nothing
    grants.grantGroup(Groups.OPERATIONS, APPLICATION, "cockpit", ACCESS);
    grants.grantGroup(Groups.OPERATIONS, PROCESS_DEFINITION, ALL, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.READ_TASK);
    grants.grantGroup(Groups.OPERATIONS, PROCESS_INSTANCE, ALL, READ);
    grants.grantGroup(Groups.OPERATIONS, TASK, ALL, READ);
    grants.grantGroup(Groups.OPERATIONS, DEPLOYMENT, ALL, READ);
    grants.grantGroup(Groups.OPERATIONS, DECISION_DEFINITION, ALL, READ);
    grants.grantGroup(Groups.OPERATIONS, HISTORIC_PROCESS_INSTANCE, ALL, HistoricProcessInstancePermissions.READ);
    grants.grantGroup(Groups.OPERATIONS, HISTORIC_TASK, ALL, HistoricTaskPermissions.READ);
    // publishers can see the publishing processes, and start them once active (ACCT-2)
    for (String process : new String[] {IMAGE_CERTIFICATION, OFFER_RELEASE}) {
      grants.grantGroup(Groups.PUBLISHERS, PROCESS_DEFINITION, process, ProcessDefinitionPermissions.READ);
    }
    // the support team reviews image sizes (LNX-SIZE-1) and follows every submission
    grants.grantGroup(Groups.SUPPORT, PROCESS_DEFINITION, IMAGE_CERTIFICATION, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.READ_TASK);
    // and reviews, schedules and follows every offer release (STG-1, REL-1)
    grants.grantGroup(Groups.SUPPORT, PROCESS_DEFINITION, OFFER_RELEASE, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.READ_TASK);
  }

  private void ensureGroup(String id, String name) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identityService.saveGroup(group);
    }
  }
}
