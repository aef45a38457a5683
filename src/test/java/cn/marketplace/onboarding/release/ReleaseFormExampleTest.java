package cn.marketplace.onboarding.release;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** The release example of the served {@code /v3/api-docs} passes NEXT-1, as the release start checks it. */
@OnboardingHttpTest
class ReleaseFormExampleTest {

  @Autowired TestRestTemplate http;
  @Autowired ObjectMapper json;

  @Test
  void theDocumentedReleaseExamplePassesTheContentChecks() throws Exception {
    JsonNode schema = http.getForObject("/v3/api-docs", JsonNode.class).at("/components/schemas/ReleaseForm");
    ObjectNode example = json.createObjectNode();
    schema.get("properties").fields().forEachRemaining(property -> {
      if (property.getValue().has("example")) {
        example.set(property.getKey(), property.getValue().get("example"));
      }
    });
    ReleaseForm form = json.treeToValue(example, ReleaseForm.class);
    List<Finding> failures = ReleaseContentChecks.check(form.normalized(), List.of("byol")).stream()
        .filter(Finding::failed).toList();
    assertThat(failures).as("failed rules of the documented example").isEmpty();
    assertThat(form.offerId()).isNotBlank();
  }
}
