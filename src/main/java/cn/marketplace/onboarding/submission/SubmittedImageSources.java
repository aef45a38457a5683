package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.catalog.ImageSources;
import cn.marketplace.onboarding.catalog.ImageVersion;
import cn.marketplace.onboarding.engine.EngineClock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The SAS URIs of the submission an image version came from, forgotten once the version is live (REL-1). */
@Component
class SubmittedImageSources implements ImageSources {

  private final SubmissionRepository submissions;
  private final EngineClock clock;

  SubmittedImageSources(SubmissionRepository submissions, EngineClock clock) {
    this.submissions = submissions;
    this.clock = clock;
  }

  @Override
  @Transactional
  public void released(ImageVersion version) {
    submissions.findById(version.getSubmissionId()).ifPresent(submission -> {
      submission.forgetSasUris(clock.now());
      submissions.save(submission);
    });
  }
}
