package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.submission.ImageCertification;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * The certification report of each image version, as its {@code imageCertification} instance
 * ended with it (its variable {@code certificationReportId}): what the support team's review shows.
 */
@Component
class CertificationReports {

  static final String VARIABLE = ImageCertification.CERTIFICATION_REPORT_ID;

  private final HistoryService historyService;

  CertificationReports(HistoryService historyService) {
    this.historyService = historyService;
  }

  /** Report ids by the certification's process instance id; instances without one are left out. */
  Map<String, String> byCertificationInstance(Collection<String> processInstanceIds) {
    if (processInstanceIds.isEmpty()) {
      return Map.of();
    }
    return historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(processInstanceIds.toArray(String[]::new)).variableName(VARIABLE).list().stream()
        .filter(variable -> variable.getValue() != null)
        .collect(Collectors.toMap(HistoricVariableInstance::getProcessInstanceId, v -> v.getValue().toString(),
            (first, second) -> second));
  }
}
