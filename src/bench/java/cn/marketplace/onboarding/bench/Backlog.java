package cn.marketplace.onboarding.bench;

import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.process.ImageCertification;
import cn.marketplace.onboarding.process.PublisherOnboarding;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.engine.TasklistFilters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A backlog of open work for the staff lists (item 4) and the footprint (item 6): publishers with
 * their users, groups and "My tasks" filters, and open user tasks of the product's own processes spread over them, each
 * with the candidate group, due date, boundary timers and per-publisher read grants the product gives
 * it. Instances start right at their user task ({@code startBeforeActivity}, our listeners skipped:
 * they fill forms from submissions that don't exist here), in batches of one transaction each; the
 * engine's clock is moved forward so that due dates spread over 60 days, and no timer is due yet.
 * With tenants (what Camunda multi-tenancy would need, measured next to it), each publisher is also a
 * tenant {@code isv-<id>}, its user a member, staff members of every tenant, and a {@link TenantIdProvider}
 * gives each instance its publisher's tenant id, as the product would have to.
 */
final class Backlog {

  static final String STAFF_PASSWORD = "Bench-Staff-Passw0rd!";
  static final String ISV_PASSWORD = "Bench-Isv-Passw0rd!";
  static final Actor REVIEWER = Actor.REVIEWER;
  static final Actor SUPPORT = Actor.SUPPORT;
  static final Actor ACCOUNT_MANAGER = Actor.ACCOUNT_MANAGER;
  static final Actor OPERATOR = Actor.OPERATOR;

  /** Open tasks per publisher, by the user task they wait at; ten in all. */
  private static final List<String[]> TASKS_PER_PUBLISHER = List.of(
      new String[] {PublisherOnboarding.KEY, "reviewApplication"},
      new String[] {PublisherOnboarding.KEY, "reviewApplication"},
      new String[] {PublisherOnboarding.KEY, "reviewApplication"},
      new String[] {PublisherOnboarding.KEY, "callApplicant"},
      new String[] {PublisherOnboarding.KEY, "activatePublishing"},
      new String[] {ImageCertification.KEY, "reviewImageSize"},
      new String[] {ImageCertification.KEY, "reviewImageSize"},
      new String[] {ImageCertification.KEY, "fixSubmission"},
      new String[] {ImageCertification.KEY, "fixSubmission"},
      new String[] {ImageCertification.KEY, "fixSubmission"});
  private static final int BATCH = 100;

  private Backlog() {}

  /**
   * Which of its ten tasks the {@code t}-th is: every publisher gets each once, and neighbours in due
   * date are of different kinds, as in a real backlog (seeded by kind, a role's first task due was
   * behind up to half of all tasks, and a list walking them in due-date order paid for that).
   */
  static int kind(int t, int publishers) {
    return (t / publishers + t % publishers) % 10;
  }

  static String publisherId(int index) {
    return String.format(Locale.ROOT, "p%010x", index);
  }

  /** Seeds {@code tasks} open tasks over {@code publishers} publishers; returns the seconds it took. */
  static double seed(ConfigurableApplicationContext context, int publishers, int tasks) {
    return seed(context, publishers, tasks, false);
  }

  /** As {@link #seed(ConfigurableApplicationContext, int, int)}, each publisher a tenant when {@code tenants}. */
  static double seed(ConfigurableApplicationContext context, int publishers, int tasks, boolean tenants) {
    ProcessEngine engine = context.getBean(ProcessEngine.class);
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    PublisherTenant publisherTenant = new PublisherTenant();
    TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    TasklistFilters tasklistFilters = context.getBean(TasklistFilters.class);
    long started = System.nanoTime();
    createStaff(engine.getIdentityService());
    for (int from = 0; from < publishers; from += BATCH) {
      int to = Math.min(publishers, from + BATCH);
      int first = from;
      transaction.executeWithoutResult(status -> {
        for (int p = first; p < to; p++) {
          createPublisher(engine.getIdentityService(), tasklistFilters, publisherId(p));
          if (tenants) {
            createTenant(engine.getIdentityService(), publisherId(p));
          }
        }
      });
    }
    Instant now = Instant.now();
    if (tenants) {
      configuration.setTenantIdProvider(publisherTenant);
    }
    try {
      for (int from = 0; from < tasks; from += BATCH) {
        int to = Math.min(tasks, from + BATCH);
        int first = from;
        // due dates spread over 60 days: the overdue escalations and reminders stay in the future
        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofMinutes((long) from * 60 * 24 * 60 / tasks))));
        transaction.executeWithoutResult(status -> {
          for (int t = first; t < to; t++) {
            publisherTenant.publisherId = publisherId(t % publishers);
            openTask(engine, publisherId(t % publishers), TASKS_PER_PUBLISHER.get(kind(t, publishers)));
          }
        });
      }
    } finally {
      ClockUtil.reset();
      configuration.setTenantIdProvider(null);
    }
    if (tenants && engine.getTaskService().createTaskQuery().tenantIdIn(Publisher.groupOf(publisherId(0))).count() == 0) {
      throw new IllegalStateException("the tenant id provider gave no task publisher " + publisherId(0) + "'s tenant");
    }
    letTheReviewerGiveBackATask(engine);
    return (System.nanoTime() - started) / 1e9;
  }

  /**
   * The reviewers' first task by id, which the benchmark's reviewer may give back after claiming it
   * ({@code StaffLists.somebodyWorks}): staff may claim their group's tasks, not unclaim them.
   */
  private static void letTheReviewerGiveBackATask(ProcessEngine engine) {
    List<org.camunda.bpm.engine.task.Task> first = engine.getTaskService().createTaskQuery()
        .taskCandidateGroup(Groups.REVIEWERS).orderByTaskId().asc().listPage(0, 1);
    if (first.isEmpty()) {
      return;
    }
    Authorization giveBack = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    giveBack.setUserId(REVIEWER.userId());
    giveBack.setResource(Resources.TASK);
    giveBack.setResourceId(first.get(0).getId());
    giveBack.addPermission(Permissions.UPDATE);
    engine.getAuthorizationService().saveAuthorization(giveBack);
  }

  private static void createStaff(IdentityService identityService) {
    for (Actor staff : List.of(REVIEWER, SUPPORT, ACCOUNT_MANAGER, OPERATOR)) {
      User user = identityService.newUser(staff.userId());
      user.setPassword(STAFF_PASSWORD);
      identityService.saveUser(user);
      staff.groups().forEach(group -> identityService.createMembership(staff.userId(), group));
    }
  }

  /** A publisher's user and group, and its "My tasks" as the account issue gives it. */
  private static void createPublisher(IdentityService identityService, TasklistFilters tasklistFilters,
      String publisherId) {
    User user = identityService.newUser(publisherId);
    user.setPassword(ISV_PASSWORD);
    user.setEmail(publisherId + "@example.cn");
    identityService.saveUser(user);
    var group = identityService.newGroup(Publisher.groupOf(publisherId));
    group.setType("WORKFLOW");
    identityService.saveGroup(group);
    identityService.createMembership(publisherId, Publisher.groupOf(publisherId));
    identityService.createMembership(publisherId, Groups.PUBLISHERS);
    tasklistFilters.ensureMyTasks(Publisher.groupOf(publisherId));
  }

  /** Publisher {@code publisherId}'s tenant, its user a member, and staff who work across publishers. */
  private static void createTenant(IdentityService identityService, String publisherId) {
    String tenantId = Publisher.groupOf(publisherId);
    identityService.saveTenant(identityService.newTenant(tenantId));
    identityService.createTenantUserMembership(tenantId, publisherId);
    for (Actor staff : List.of(REVIEWER, SUPPORT, ACCOUNT_MANAGER, OPERATOR)) {
      identityService.createTenantUserMembership(tenantId, staff.userId());
    }
  }

  /** The tenant a provider would give an instance: its publisher's, here the one being seeded (one thread). */
  private static final class PublisherTenant implements TenantIdProvider {

    private String publisherId;

    @Override
    public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
      return Publisher.groupOf(publisherId);
    }

    @Override
    public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
      return null;
    }

    @Override
    public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
      return null;
    }
  }

  private static void openTask(ProcessEngine engine, String publisherId, String[] processAndTask) {
    RuntimeService runtime = engine.getRuntimeService();
    String instance = runtime.createProcessInstanceByKey(processAndTask[0])
        .businessKey(UUID.randomUUID().toString())
        .setVariables(Map.of("publisherId", publisherId, "companyName", "公司 " + publisherId,
            "submissionId", UUID.randomUUID().toString(),
            "sasExpiryReminderAt", Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(28)))))
        .startBeforeActivity(processAndTask[1])
        .execute(true, false)
        .getId();
    grantRead(engine.getAuthorizationService(), Publisher.groupOf(publisherId), instance);
  }

  /** What the product grants a publisher on each of its instances. */
  private static void grantRead(AuthorizationService authorizations, String group, String instance) {
    List<Authorization> grants = new ArrayList<>();
    Authorization runtime = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    runtime.setResource(Resources.PROCESS_INSTANCE);
    runtime.addPermission(Permissions.READ);
    grants.add(runtime);
    Authorization history = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    history.setResource(Resources.HISTORIC_PROCESS_INSTANCE);
    history.addPermission(HistoricProcessInstancePermissions.READ);
    grants.add(history);
    for (Authorization grant : grants) {
      grant.setResourceId(instance);
      grant.setGroupId(group);
      authorizations.saveAuthorization(grant);
    }
  }
}
