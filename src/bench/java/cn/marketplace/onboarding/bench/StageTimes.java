package cn.marketplace.onboarding.bench;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where the time of complete lifecycles went, read from the engine's history (level full) after
 * they ran: per stage and activity, the time in service tasks ({@code ACT_HI_ACTINST} durations), the
 * time each asynchronous continuation waited for the job executor (from its creation in
 * {@code ACT_HI_JOB_LOG} to the start of its activity), the time in user tasks (the emulated people's
 * reaction, ~0) and the time at timers.
 */
final class StageTimes {

  /** The stages of a lifecycle in their order; {@link #stageOf} places each activity in one. */
  static final List<String> STAGES =
      List.of("onboarding", "image submission", "Linux certification", "questionnaire", "offer release");
  /** A timer after an event-based gateway has its activity instance only once it fires: the gateway waits. */
  private static final Set<String> TIMER_TYPES = Set.of("intermediateTimer", "eventBasedGateway");
  private static final Set<String> SERVICE_TYPES = Set.of("serviceTask", "sendTask", "scriptTask", "businessRuleTask");

  enum Kind {
    SERVICE("in service tasks"), WAIT("waiting for the job executor"), USER("in user tasks (emulated people)"),
    USER_UNTIL_SEEN("user task until a person saw it (rest of the creating transaction, polling)"),
    USER_COMPLETING("user task from completion asked to ended (listeners, form checks)"),
    TIMER("waiting for a timer (release time made due at once)");

    final String words;

    Kind(String words) {
      this.words = words;
    }
  }

  private record ActivityRow(String instance, String processKey, String activityId, String type, String taskId,
      double start, double end) {}

  private record Key(String stage, String activityId, Kind kind) {}

  private final Map<Key, Samples> perActivity = new HashMap<>();
  private final Map<Key, Samples> offsets = new HashMap<>();
  private final Map<String, Map<Kind, Samples>> perLifecycle = new LinkedHashMap<>();
  private final Map<String, Samples> instanceDurations = new LinkedHashMap<>();
  private final Samples lifecycleDurations = new Samples();

  private final Map<String, PeopleAwaitingJobs.TaskSeen> tasksSeen;

  private StageTimes(Map<String, PeopleAwaitingJobs.TaskSeen> tasksSeen) {
    this.tasksSeen = tasksSeen;
  }

  static String stageOf(String processKey, String activityId) {
    return switch (processKey) {
      case "publisherOnboarding" -> "onboarding";
      case "offerRelease" -> "offer release";
      case "imageCertification" -> switch (activityId) {
        case "runLinuxCertification", "checkWindowsResults", "gwMergeCertification", "gwTestsPassed" ->
            "Linux certification";
        case "answerQuestionnaire", "storeCertificationReport", "imageCertified" -> "questionnaire";
        default -> "image submission";
      };
      default -> processKey;
    };
  }

  static StageTimes fromHistory(DataSource dataSource, List<EndToEnd.Lifecycle> lifecycles,
      Map<String, PeopleAwaitingJobs.TaskSeen> tasksSeen) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    Set<String> measured = new HashSet<>();
    lifecycles.forEach(lifecycle -> measured.addAll(lifecycle.instances()));
    Map<String, List<ActivityRow>> rowsByInstance = new HashMap<>();
    jdbc.query("select PROC_INST_ID_, PROC_DEF_KEY_, ACT_ID_, ACT_TYPE_, TASK_ID_, START_TIME_, END_TIME_ from ACT_HI_ACTINST",
        (ResultSet rs) -> {
          if (measured.contains(rs.getString(1)) && rs.getTimestamp(7) != null) {
            rowsByInstance.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(new ActivityRow(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), millis(rs.getTimestamp(6)),
                millis(rs.getTimestamp(7))));
          }
        });
    Map<String, List<Double>> jobsCreated = new HashMap<>();
    jdbc.query("select PROCESS_INSTANCE_ID_, ACT_ID_, TIMESTAMP_ from ACT_HI_JOB_LOG"
        + " where JOB_STATE_ = 0 and JOB_DEF_TYPE_ = 'async-continuation'", (ResultSet rs) -> {
          if (measured.contains(rs.getString(1))) {
            jobsCreated.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), key -> new ArrayList<>())
                .add(millis(rs.getTimestamp(3)));
          }
        });
    StageTimes times = new StageTimes(tasksSeen);
    for (EndToEnd.Lifecycle lifecycle : lifecycles) {
      times.addLifecycle(lifecycle, rowsByInstance, jobsCreated);
    }
    return times;
  }

  private void addLifecycle(EndToEnd.Lifecycle lifecycle, Map<String, List<ActivityRow>> rowsByInstance,
      Map<String, List<Double>> jobsCreated) {
    Map<String, Map<Kind, Double>> sums = new LinkedHashMap<>();
    double lifecycleStart = Double.MAX_VALUE;
    double lifecycleEnd = 0;
    for (String instance : lifecycle.instances()) {
      List<ActivityRow> rows = rowsByInstance.getOrDefault(instance, List.of());
      if (rows.isEmpty()) {
        throw new IllegalStateException("no history for instance " + instance + ": is the history level full?");
      }
      double start = rows.stream().mapToDouble(ActivityRow::start).min().orElseThrow();
      double end = rows.stream().mapToDouble(ActivityRow::end).max().orElseThrow();
      lifecycleStart = Math.min(lifecycleStart, start);
      lifecycleEnd = Math.max(lifecycleEnd, end);
      instanceDurations.computeIfAbsent(rows.get(0).processKey(), key -> new Samples()).add(end - start);
      Map<String, List<ActivityRow>> byActivity = new HashMap<>();
      for (ActivityRow row : rows) {
        byActivity.computeIfAbsent(row.activityId(), id -> new ArrayList<>()).add(row);
        Kind kind = SERVICE_TYPES.contains(row.type()) ? Kind.SERVICE : "userTask".equals(row.type()) ? Kind.USER
            : TIMER_TYPES.contains(row.type()) ? Kind.TIMER : null;
        if (kind != null) {
          add(row.processKey(), row.activityId(), kind, row.end() - row.start(), row.start() - start, sums);
        }
        PeopleAwaitingJobs.TaskSeen seen = row.taskId() == null ? null : tasksSeen.get(row.taskId());
        if (kind == Kind.USER && seen != null) {
          add(row.processKey(), row.activityId(), Kind.USER_UNTIL_SEEN, Math.max(0, seen.seen() - row.start()),
              row.start() - start, sums);
          add(row.processKey(), row.activityId(), Kind.USER_COMPLETING, Math.max(0, row.end() - seen.completing()),
              row.start() - start, sums);
        }
      }
      // each asynchronous continuation waited from its creation until its activity started
      byActivity.forEach((activityId, activityRows) -> {
        List<Double> created = jobsCreated.getOrDefault(instance + "/" + activityId, List.of());
        if (created.isEmpty()) {
          return;
        }
        List<Double> starts = activityRows.stream().map(ActivityRow::start).sorted().toList();
        List<Double> creations = created.stream().sorted().toList();
        int next = 0;
        for (double creation : creations) {
          // timestamps are in milliseconds: a start in the same millisecond as the creation counts
          while (next < starts.size() && starts.get(next) < creation - 1) {
            next++;
          }
          if (next < starts.size()) {
            add(activityRows.get(0).processKey(), activityId, Kind.WAIT, Math.max(0, starts.get(next) - creation),
                creation - start, sums);
            next++;
          }
        }
      });
    }
    lifecycleDurations.add(lifecycleEnd - lifecycleStart);
    sums.forEach((stage, byKind) -> byKind.forEach((kind, sum) ->
        perLifecycle.computeIfAbsent(stage, s -> new EnumMap<>(Kind.class)).computeIfAbsent(kind, k -> new Samples())
            .add(sum)));
  }

  private void add(String processKey, String activityId, Kind kind, double millis, double offset,
      Map<String, Map<Kind, Double>> sums) {
    String stage = stageOf(processKey, activityId);
    Key key = new Key(stage, activityId, kind);
    perActivity.computeIfAbsent(key, k -> new Samples()).add(millis);
    offsets.computeIfAbsent(key, k -> new Samples()).add(offset);
    sums.computeIfAbsent(stage, s -> new EnumMap<>(Kind.class)).merge(kind, millis, Double::sum);
  }

  void addTo(Report report, String section) {
    report.add(Figure.latency(section, "one lifecycle, application to offer live", lifecycleDurations, null,
        "from the history: first activity's start to last activity's end"));
    instanceDurations.forEach((processKey, samples) ->
        report.add(Figure.latency(section, processKey + ": instance start to end", samples, null, null)));
    for (String stage : STAGES) {
      Map<Kind, Samples> byKind = perLifecycle.getOrDefault(stage, Map.of());
      byKind.forEach((kind, samples) ->
          report.add(Figure.latency(section, stage + ": " + kind.words + ", per lifecycle", samples, null, null)));
      perActivity.keySet().stream().filter(key -> key.stage().equals(stage))
          // a timer after an event-based gateway starts as it fires: its gateway's row says how long it waited
          .filter(key -> key.kind() != Kind.TIMER || perActivity.get(key).median() >= 1)
          .sorted(Comparator.comparingDouble((Key key) -> offsets.get(key).median()).thenComparing(Key::kind))
          .forEach(key -> report.add(Figure.latency(section, "  " + stage + " / " + key.activityId() + ": "
              + key.kind().words, perActivity.get(key), null, null)));
    }
  }

  private static double millis(Timestamp timestamp) {
    return timestamp.getTime() + (timestamp.getNanos() % 1_000_000) / 1e6;
  }
}
