package cn.marketplace.onboarding.notification;

import cn.marketplace.onboarding.engine.StepKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * A mail from a diagram: the step's extension property {@code template} names it ({@link MailStep}); it
 * goes to the applicant or publisher of the instance, at the address and in the language of the product's
 * records ({@link ProcessContacts}), or, with extension property {@code toGroup}, to every member of that group who
 * has an address. No variable chooses a recipient: an instance linked to no record mails nobody and
 * its step fails.
 */
@Component("sendMail")
class SendMailDelegate implements JavaDelegate {

  private final MailService mails;
  private final IdentityService identityService;
  private final ProcessMailModel mailModel;
  private final Map<String, ProcessContacts> contacts;

  SendMailDelegate(MailService mails, IdentityService identityService, ProcessMailModel mailModel,
      List<ProcessContacts> contacts) {
    this.mails = mails;
    this.identityService = identityService;
    this.mailModel = mailModel;
    this.contacts = contacts.stream().collect(Collectors.toMap(ProcessContacts::processKey, c -> c));
  }

  @Override
  public void execute(DelegateExecution execution) {
    MailStep step = MailStep.of(execution);
    Map<String, Object> model = mailModel.of(execution);
    String key = StepKeys.of(execution, step.template());
    if (step.toGroup() != null) {
      List<String> recipients = identityService.createUserQuery().memberOfGroup(step.toGroup()).list().stream()
          .map(User::getEmail).filter(email -> email != null && !email.isBlank()).toList();
      mails.send(key, step.template(), "zh-CN", recipients, model);
      return;
    }
    ProcessContacts.Contact contact = contactOf(execution);
    mails.send(key, step.template(), contact.language(), List.of(contact.email()), model);
  }

  private ProcessContacts.Contact contactOf(DelegateExecution execution) {
    String processKey = execution.getProcessEngineServices().getRepositoryService()
        .getProcessDefinition(execution.getProcessDefinitionId()).getKey();
    ProcessContacts records = contacts.get(processKey);
    return Optional.ofNullable(records).flatMap(r -> r.contactOf(execution.getProcessInstanceId()))
        .orElseThrow(() -> new IllegalStateException("Instance " + execution.getProcessInstanceId() + " of "
            + processKey + " is linked to no application or publisher: nobody to mail"));
  }
}
