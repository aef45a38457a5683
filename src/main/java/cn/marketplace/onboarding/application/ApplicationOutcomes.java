package cn.marketplace.onboarding.application;

import cn.marketplace.onboarding.process.PublisherOnboarding;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * How an onboarding ends, called from the end events:
 * {@code ${applicationOutcomes.close(execution, 'rejected')}}. Sets {@code publisherStatus}.
 */
@Component("applicationOutcomes")
public class ApplicationOutcomes {

  private final ApplicationService applications;

  ApplicationOutcomes(ApplicationService applications) {
    this.applications = applications;
  }

  public void close(DelegateExecution execution, String publisherStatus) {
    Application.Status outcome = Application.Status.valueOf(publisherStatus.toUpperCase(Locale.ROOT));
    applications.close(applications.ofInstance(execution), outcome);
    execution.setVariable(PublisherOnboarding.PUBLISHER_STATUS, publisherStatus);
  }
}
