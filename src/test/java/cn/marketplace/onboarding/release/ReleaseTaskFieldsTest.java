package cn.marketplace.onboarding.release;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.process.OfferReleaseProcess;
import cn.marketplace.onboarding.engine.ShownFields;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A release task gets the release's fields its form shows, and no other: each form is read as deployed
 * ({@code forms/*.form}), and every field of the release that its text names is among the task's.
 */
class ReleaseTaskFieldsTest {

  /** Every field the release's forms may show. */
  private static final Set<String> RELEASE_FIELDS = Stream.concat(ReleaseForm.CONTENT_FIELDS.stream(),
      Stream.of(OfferReleaseProcess.OFFER_NAME, OfferReleaseProcess.SKU_OVERVIEW, OfferReleaseProcess.LAST_REVIEW_COMMENT,
          OfferReleaseProcess.STAGING_URL, OfferReleaseProcess.REQUESTED_WINDOW, OfferReleaseProcess.RELEASE_AT_TEXT))
      .collect(Collectors.toSet());

  static List<Object[]> tasks() {
    return List.of(
        new Object[] {OfferReleaseProcess.REVIEW_SUBMISSION, "forms/review-release.form"},
        new Object[] {OfferReleaseProcess.FIX_RELEASE, "forms/fix-release.form"},
        new Object[] {OfferReleaseProcess.VERIFY_STAGING, "forms/verify-staging.form"},
        new Object[] {OfferReleaseProcess.SCHEDULE_RELEASE, "forms/schedule-release.form"});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tasks")
  void aTaskGetsExactlyTheReleaseFieldsItsFormNames(String taskKey, String form) throws IOException {
    String text;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(form)) {
      assertThat(in).as(form).isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Set<String> named = RELEASE_FIELDS.stream()
        .filter(field -> Pattern.compile("\\b" + field + "\\b").matcher(text).find())
        .collect(Collectors.toSet());

    assertThat(ReleaseService.TASK_FIELDS.get(taskKey)).as(taskKey).isEqualTo(named);
  }

  @Test
  void everyTaskThatShowsTheReleaseIsListed() throws IOException {
    Set<String> showing;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("processes/offer-release.bpmn")) {
      showing = Bpmn.readModelFromStream(in).getModelElementsByType(UserTask.class).stream()
          .filter(task -> task.getExtensionElements() != null && task.getExtensionElements()
              .getElementsQuery().filterByType(CamundaProperties.class).list().stream()
              .flatMap(properties -> properties.getCamundaProperties().stream())
              .anyMatch(property -> ShownFields.PROPERTY.equals(property.getCamundaName())
                  && "${showRelease}".equals(property.getCamundaValue())))
          .map(UserTask::getId).collect(Collectors.toSet());
    }

    assertThat(ReleaseService.TASK_FIELDS.keySet()).isEqualTo(showing);
    assertThat(tasks()).extracting(task -> task[0]).containsExactlyInAnyOrderElementsOf(showing);
  }
}
