package cn.marketplace.onboarding.cluster;

import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.testsupport.cluster.NodeClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** User tasks through the engine REST API, as Tasklist and the ISVs' automation use it. */
final class Tasks {

  static final Duration STAGE_TIMEOUT = Duration.ofSeconds(120);

  private Tasks() {}

  /** The id of the open {@code taskKey} task of {@code processInstanceId} that {@code client}'s user sees, once there is one. */
  static String awaitTask(NodeClient client, String processInstanceId, String taskKey) {
    String query = "/engine-rest/task?maxResults=10&processInstanceId=" + processInstanceId + "&taskDefinitionKey="
        + taskKey;
    return await().atMost(STAGE_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
      JsonNode open = client.get(query).expect(200).body();
      return open.isEmpty() ? null : open.get(0).get("id").asText();
    }, Objects::nonNull);
  }

  /** Completes the task with plain values (strings, numbers, booleans) as its variables. */
  static void complete(NodeClient client, String taskId, Map<String, Object> values) {
    client.post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", typed(values))).expect(204);
  }

  static Map<String, Object> typed(Map<String, Object> values) {
    Map<String, Object> variables = new HashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return variables;
  }

  /** Waits until {@code processInstanceId} has a job at {@code activityId} and answers its id. */
  static String awaitJob(NodeClient client, String processInstanceId, String activityId) {
    String query = "/engine-rest/job?maxResults=10&processInstanceId=" + processInstanceId + "&activityId=" + activityId;
    return await().atMost(STAGE_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
      JsonNode jobs = client.get(query).expect(200).body();
      return jobs.isEmpty() ? null : jobs.get(0).get("id").asText();
    }, Objects::nonNull);
  }
}
