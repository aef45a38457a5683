package cn.marketplace.onboarding.account;

import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.engine.AuthorizationGrants;
import cn.marketplace.onboarding.engine.TasklistFilters;
import cn.marketplace.onboarding.notification.MailService;
import cn.marketplace.onboarding.process.ImageCertification;
import cn.marketplace.onboarding.process.OfferReleaseProcess;
import cn.marketplace.onboarding.security.StrongPasswords;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publisher accounts (ACCT-1, ACCT-2): a Camunda user in {@code publishers} and its own
 * {@code isv-<publisherId>} group, with rights on its own instances only, its own "My tasks" in
 * Tasklist, and publishing rights once a credential activates it.
 */
@Service
public class AccountService {

  static final String ACCOUNT_MAIL = "account-issued";
  static final String ACTIVATED_MAIL = "publisher-activated";
  /** The processes a publisher may start once active. */
  public static final List<String> PUBLISHING_PROCESSES = List.of(ImageCertification.KEY, OfferReleaseProcess.KEY);

  private final PublisherRepository publishers;
  private final IdentityService identityService;
  private final AuthorizationGrants grants;
  private final TasklistFilters tasklistFilters;
  private final StrongPasswords passwords;
  private final MailService mails;
  private final EngineClock clock;

  AccountService(PublisherRepository publishers, IdentityService identityService,
      AuthorizationGrants grants, TasklistFilters tasklistFilters, StrongPasswords passwords, MailService mails,
      EngineClock clock) {
    this.publishers = publishers;
    this.identityService = identityService;
    this.grants = grants;
    this.tasklistFilters = tasklistFilters;
    this.passwords = passwords;
    this.mails = mails;
    this.clock = clock;
  }

  /** What an account issue needs to know of the application. */
  public record Applicant(String applicationId, String companyName, String contactName, String contactEmail,
      String language, String onboardingInstanceId) {}

  /**
   * Issues the publisher account of an approved application, once: a retry finds the publisher,
   * the user and the sent mail, and does nothing twice. The initial password exists only in the
   * user's hash and in the one mail to the contact.
   */
  @Transactional
  public Publisher issue(Applicant applicant, Map<String, Object> mailModel) {
    Publisher publisher = publishers.findByApplicationId(applicant.applicationId())
        .orElseGet(() -> publishers.save(new Publisher(publisherIdFor(applicant.applicationId()),
            applicant.applicationId(), applicant.companyName(), applicant.contactEmail(), applicant.language(),
            clock.now())));
    User existingUser = identityService.createUserQuery().userId(publisher.getId()).singleResult();
    User user = existingUser != null ? existingUser : identityService.newUser(publisher.getId());
    String mailKey = ACCOUNT_MAIL + ":" + applicant.applicationId();
    if (mails.alreadySent(mailKey)) {
      return publisher;
    }
    String initialPassword = passwords.next();
    user.setFirstName(applicant.contactName());
    user.setLastName(applicant.companyName());
    user.setEmail(applicant.contactEmail());
    user.setPassword(initialPassword);
    identityService.saveUser(user);
    boolean newGroup = ensureGroup(publisher.group(), applicant.companyName());
    tasklistFilters.ensureMyTasks(publisher.group());
    // a user created in this step has no memberships yet
    boolean newUser = existingUser == null;
    ensureMembership(publisher.getId(), publisher.group(), newUser);
    ensureMembership(publisher.getId(), Groups.PUBLISHERS, newUser);
    // the engine itself grants a new user every permission on its own profile (password change);
    // a group created in this step holds no grant yet
    grant(newGroup, publisher.group(), Resources.PROCESS_INSTANCE, applicant.onboardingInstanceId(), Permissions.READ);
    grant(newGroup, publisher.group(), Resources.HISTORIC_PROCESS_INSTANCE, applicant.onboardingInstanceId(),
        HistoricProcessInstancePermissions.READ);

    Map<String, Object> model = new HashMap<>(mailModel);
    model.put("login", publisher.getId());
    model.put("initialPassword", initialPassword);
    mails.send(mailKey, ACCOUNT_MAIL, applicant.language(), List.of(applicant.contactEmail()), model);
    return publisher;
  }

  /** ACT-2: the credential was verified; the publisher may now submit images and release offers. */
  @Transactional
  public Publisher activate(Publisher publisher, String credentialType, String credential,
      Map<String, Object> mailModel) {
    if (!publisher.isActive()) {
      publisher.activate(credentialType, credential == null ? null : credential.strip(), clock.now());
      publishers.save(publisher);
    }
    for (String processKey : PUBLISHING_PROCESSES) {
      grants.grantGroup(publisher.group(), Resources.PROCESS_DEFINITION, processKey,
          ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
    }
    grants.grantGroup(publisher.group(), Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    mails.send(ACTIVATED_MAIL + ":" + publisher.getId(), ACTIVATED_MAIL, publisher.getLanguage(),
        List.of(publisher.getContactEmail()), mailModel);
    return publisher;
  }

  /**
   * The publisher an onboarding instance issued. The ISV completes tasks of that instance and can set
   * any variable while doing so, so who the publisher is comes from our tables, never from a variable.
   */
  public Publisher ofOnboarding(String onboardingInstanceId) {
    return publishers.findByOnboardingInstance(onboardingInstanceId)
        .orElseThrow(() -> new IllegalStateException("no publisher for onboarding " + onboardingInstanceId));
  }

  /** ACT-5: the other active publishers a credential activated already. */
  public List<Publisher> othersActivatedWith(String credentialType, String credential, String publisherId) {
    return publishers.findOthersActivatedWith(credentialType, credential, publisherId);
  }

  public Optional<Publisher> find(String publisherId) {
    return publishers.findById(publisherId);
  }

  /** True when the group is created now. */
  private boolean ensureGroup(String groupId, String name) {
    if (identityService.createGroupQuery().groupId(groupId).count() > 0) {
      return false;
    }
    var group = identityService.newGroup(groupId);
    group.setName(name);
    group.setType(org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_WORKFLOW);
    identityService.saveGroup(group);
    return true;
  }

  private void ensureMembership(String userId, String groupId, boolean newUser) {
    if (newUser || identityService.createGroupQuery().groupId(groupId).groupMember(userId).count() == 0) {
      identityService.createMembership(userId, groupId);
    }
  }

  private void grant(boolean newGroup, String groupId, Resource resource, String resourceId, Permission... permissions) {
    if (newGroup) {
      grants.createGroupGrant(groupId, resource, resourceId, permissions);
    } else {
      grants.grantGroup(groupId, resource, resourceId, permissions);
    }
  }

  /** Readable, stable for an application, and safe in URLs and group names: {@code p} + 10 hex digits. */
  static String publisherIdFor(String applicationId) {
    return "p" + applicationId.replace("-", "").substring(0, 10);
  }
}
