package cn.marketplace.onboarding.submission;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.process.ImageCertification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The size review's task gets the submission's fields its form shows, and no other: the form is read as
 * deployed, and every field of the submission that its text names is among the task's.
 */
class SizeReviewFieldsTest {

  @Test
  void theSizeReviewGetsExactlyTheFieldsItsFormNames() throws IOException {
    String form;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("forms/review-image-size.form")) {
      assertThat(in).isNotNull();
      form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Set<String> named = Stream.concat(SubmissionForm.FIELDS.stream(),
            Stream.of(ImageCertification.FINDINGS_SUMMARY, ImageCertification.CURRENT_SAS_URIS))
        .filter(field -> Pattern.compile("\\b" + field + "\\b").matcher(form).find())
        .collect(Collectors.toSet());

    assertThat(SubmissionSteps.SIZE_REVIEW_FIELDS).isEqualTo(named);
  }
}
