package cn.marketplace.onboarding.monitoring;

import java.util.Map;
import cn.marketplace.onboarding.engine.ClusterLock;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells people when the business calendar runs out: one log line at start-up (a warning when the
 * next 90 days run past the holiday files or freeze periods), and, for as long as that lasts, one
 * running instance of the small process {@value #PROCESS_KEY} ("Business calendar coverage") that
 * operators see on Cockpit's dashboard, waiting in "Add the next year's holidays and freeze periods"
 * with the days as variables. The instance ends by itself once a node starts with the next year
 * added (checked at start-up and every morning); it holds no task, timer or incident, so the
 * product's workload gauges and incident counts stay about the real processes.
 * {@code onboarding.calendar.coverage-in-cockpit: false} keeps only the log line and the health.
 */
@Component
class CalendarCoverageAlert {

  static final String PROCESS_KEY = "calendarCoverage";
  static final String BUSINESS_KEY = "calendar-coverage";
  private static final Logger log = LoggerFactory.getLogger(CalendarCoverageAlert.class);

  private final CalendarCoverage coverage;
  private final ProcessEngine engine;
  private final ClusterLock clusterLock;
  private final boolean inCockpit;

  CalendarCoverageAlert(CalendarCoverage coverage, ProcessEngine engine, ClusterLock clusterLock,
      @Value("${onboarding.calendar.coverage-in-cockpit:true}") boolean inCockpit) {
    this.coverage = coverage;
    this.engine = engine;
    this.clusterLock = clusterLock;
    this.inCockpit = inCockpit;
  }

  @EventListener(ApplicationReadyEvent.class)
  void atStartUp() {
    CalendarCoverage.Report report = coverage.check();
    if (report.endsSoon()) {
      log.warn(report.summary());
    } else {
      log.info(report.summary());
    }
    if (inCockpit) {
      update(report);
    }
  }

  @Scheduled(cron = "0 5 8 * * *", zone = "Asia/Shanghai")
  void everyMorning() {
    if (inCockpit) {
      update(coverage.check());
    }
  }

  /** One instance while the lists end soon, none otherwise; nodes of a cluster take turns. */
  void update(CalendarCoverage.Report report) {
    clusterLock.runExclusively(ClusterLock.ENGINE_SETUP, () -> updateAlone(report));
  }

  private void updateAlone(CalendarCoverage.Report report) {
    ProcessInstance open = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(BUSINESS_KEY).active()
        .listPage(0, 1).stream().findFirst().orElse(null);
    Map<String, Object> variables = Map.of(
        "lastCoveredDay", report.lastCoveredDay().toString(),
        "holidaysCoveredUntil", String.valueOf(report.holidaysCoveredUntil()),
        "freezePeriodsCoveredUntil", String.valueOf(report.freezePeriodsCoveredUntil()),
        "horizon", report.horizon().toString(),
        "summary", report.summary());
    if (report.endsSoon()) {
      if (open == null) {
        deploy();
        engine.getRuntimeService().startProcessInstanceByKey(PROCESS_KEY, BUSINESS_KEY, variables);
      } else {
        engine.getRuntimeService().setVariables(open.getId(), variables);
      }
    } else if (open != null) {
      engine.getRuntimeService().deleteProcessInstance(open.getId(), "covered: " + report.summary(), true, true);
    }
  }

  private void deploy() {
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS_KEY)
        .name("Business calendar coverage")
        .camundaHistoryTimeToLive(365)
        .camundaStartableInTasklist(false)
        .startEvent("coverageEndsSoon").name("Holidays or freezes end within 90 days")
        .receiveTask("addNextYear").name("Add the next year's holidays and freeze periods")
        .endEvent("covered").name("Covered")
        .done();
    engine.getRepositoryService().createDeployment().name("monitoring-calendar-coverage")
        .addModelInstance("calendar-coverage.bpmn", model).enableDuplicateFiltering(true).deploy();
  }
}
