package cn.marketplace.onboarding.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.engine.SecretNames;
import cn.marketplace.onboarding.submission.SubmissionForm;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * One rule for the history, the mails and a publisher's history: among every field of every form, the
 * secret ones are exactly the credentials the submission keeps encrypted, so no credential reaches
 * those three in clear and no other field is hidden from them.
 */
@Tag("fast")
class SecretNamesTest {

  @Test
  void theFormsSecretFieldsAreTheSubmissionsCredentialsAndNoOthers() throws IOException {
    Set<String> fields = new TreeSet<>();
    Resource[] forms = new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form");
    assertThat(forms).hasSizeGreaterThan(10);
    for (Resource form : forms) {
      try (InputStream in = form.getInputStream()) {
        FormFields read = FormFields.read(in, new ObjectMapper());
        fields.addAll(read.editable());
        fields.addAll(read.shown());
      }
    }

    assertThat(fields).containsAll(SubmissionForm.SECRET_FIELDS);
    assertThat(fields.stream().filter(SecretNames::isSecret))
        .containsExactlyInAnyOrderElementsOf(SubmissionForm.SECRET_FIELDS);
  }

  @Test
  void aNameIsSecretWhateverItsCaseAndNothingIsSecretWithoutAName() {
    assertThat(SecretNames.isSecret("VMPASSWORD")).isTrue();
    assertThat(SecretNames.isSecret("currentSasUris")).isTrue();
    assertThat(SecretNames.isSecret("storageAccountKey")).isTrue();
    assertThat(SecretNames.isSecret("keyboardLayout")).isFalse();
    assertThat(SecretNames.isSecret(null)).isFalse();
  }
}
