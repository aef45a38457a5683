package cn.marketplace.onboarding.certification.report;

import cn.marketplace.onboarding.certification.linux.Distribution;
import cn.marketplace.onboarding.certification.policy.CertificationPolicies;
import cn.marketplace.onboarding.rules.FindingView;
import cn.marketplace.onboarding.rules.PolicyRef;
import cn.marketplace.onboarding.rules.RuleMessages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * A certification report as a view (API), as a JSON document and as a readable HTML page, the two
 * that are published. Everything in the page is escaped: evidence and answers come from the ISV's VM
 * and the ISV's hands.
 */
@Component
public class CertificationReportDocuments {

  private final ObjectMapper json;
  private final CertificationPolicies policies;

  public CertificationReportDocuments(ObjectMapper json, CertificationPolicies policies) {
    this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    this.policies = policies;
  }

  /** The report with its messages in {@code locale} (and every language in {@code messages}). */
  public CertificationReportView view(CertificationReport report, Locale locale) {
    return new CertificationReportView(report.getId(), report.getStatus(), report.image(),
        new CertificationReportView.Run(report.getDistribution(), report.getHostKeyFingerprint(),
            report.getHostKeyFirstSeen(), report.getRoundTrips(), report.getConnectMillis(), report.getProbeMillis(),
            report.getTotalMillis(), report.getWindowsToolVersion()),
        FindingView.of(report.findings(), locale), answers(report), report.getTestedAt(), report.getAnsweredAt(),
        report.getCertifiedAt(),
        report.getJsonBlob() == null ? null
            : new CertificationReportView.Published(report.getJsonBlob(), report.getHtmlBlob()),
        policy(report.policy()));
  }

  private CertificationReportView.Policy policy(PolicyRef ref) {
    if (ref == null) {
      return null;
    }
    return policies.find(ref)
        .map(p -> new CertificationReportView.Policy(ref.id(), ref.version(), p.title(), p.notChecked().stream()
            .map(n -> new CertificationReportView.NotCheckedView(n.check(), n.source(), n.why())).toList()))
        .orElseGet(() -> new CertificationReportView.Policy(ref.id(), ref.version(), null, List.of()));
  }

  /** The questionnaire's answers as JSON, for the report's table. */
  public String answersJson(Map<String, Object> answers) {
    try {
      return json.writeValueAsString(answers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("questionnaire answers are not serialisable", e);
    }
  }

  /** The published JSON document: the view in English, with every message in both languages. */
  public String json(CertificationReport report) {
    try {
      return json.writeValueAsString(view(report, RuleMessages.EN));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report " + report.getId() + " is not serialisable", e);
    }
  }

  /** The published HTML page, bilingual, self-contained. */
  public String html(CertificationReport report) {
    CertificationReportView view = view(report, RuleMessages.EN);
    CertificationReport.Image image = view.image();
    CertificationReportView.Run run = view.run();
    StringBuilder page = new StringBuilder(16_384);
    page.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>认证报告 / Certification report: ")
        .append(esc(image.offerId() + "-" + image.skuId() + " " + image.version())).append("</title>\n")
        .append("<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;")
        .append("width:100%;margin-bottom:1.5em}th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;")
        .append("vertical-align:top}th{background:#f4f4f4}.fail{color:#b00020}.warning{color:#8a5a00}")
        .append(".pass{color:#1b5e20}pre{white-space:pre-wrap;margin:0}</style>\n</head>\n<body>\n")
        .append("<h1>认证报告 / Certification report</h1>\n<p class=\"")
        .append(view.status() == CertificationReport.Status.FAILED ? "fail" : "pass").append("\"><strong>")
        .append(esc(statusText(view.status()))).append("</strong></p>\n");

    page.append("<h2>映像 / Image</h2>\n<table>\n");
    row(page, "报告 / Report", view.reportId());
    row(page, "提交 / Submission", image.submissionId());
    row(page, "发布商 / Publisher", image.publisherId());
    row(page, "产品 / Offer", image.offerId() + " (" + image.offerName() + ")");
    row(page, "SKU", image.skuId());
    row(page, "版本 / Version", image.version());
    row(page, "操作系统 / OS", image.osFamily() + ": " + image.osName());
    row(page, "推荐大小 / VM sizes", image.vmSizes());
    page.append("</table>\n");

    page.append("<h2>测试 / Tests</h2>\n<table>\n");
    row(page, "测试时间 / Tested at", String.valueOf(view.testedAt()));
    if (view.policy() != null) {
      row(page, "认证策略 / Certification policy", view.policy().id() + " v" + view.policy().version()
          + (view.policy().title() == null ? "" : " (" + view.policy().title() + ")"));
    }
    row(page, "发行版 / Distribution", run.distribution());
    row(page, "SSH 主机密钥 / SSH host key", run.hostKeyFingerprint());
    row(page, "SSH 往返次数 / SSH round trips", run.roundTrips());
    row(page, "连接 / Connect (ms)", run.connectMillis());
    row(page, "探测 / Probe (ms)", run.probeMillis());
    row(page, "总计 / Total (ms)", run.totalMillis());
    row(page, "认证工具版本 / Tool version", run.windowsToolVersion());
    row(page, "问卷回答时间 / Answered at", view.answeredAt());
    row(page, "认证时间 / Certified at", view.certifiedAt());
    page.append("</table>\n");

    page.append("<h2>检查结果 / Findings</h2>\n<table>\n<tr><th>结果 / Result</th><th>规则 / Rule</th>")
        .append("<th>对象 / Subject</th><th>说明 / Message</th><th>证据 / Evidence</th></tr>\n");
    for (FindingView finding : view.findings()) {
      page.append("<tr class=\"").append(finding.result().value()).append("\"><td>")
          .append(esc(finding.result().value())).append("</td><td>").append(esc(finding.ruleId()))
          .append("</td><td>").append(esc(finding.subject())).append("</td><td>")
          .append(esc(finding.messages().get("zh-CN"))).append("<br>").append(esc(finding.messages().get("en")))
          .append("</td><td><pre>").append(esc(finding.evidence())).append("</pre></td></tr>\n");
    }
    page.append("</table>\n");

    if (view.policy() != null && !view.policy().notChecked().isEmpty()) {
      page.append("<h2>未检查 / Not checked</h2>\n<table>\n<tr><th>检查 / Check</th><th>来源 / Source</th>")
          .append("<th>原因 / Why</th></tr>\n");
      for (CertificationReportView.NotCheckedView item : view.policy().notChecked()) {
        page.append("<tr><td>").append(esc(item.check())).append("</td><td>").append(esc(item.source()))
            .append("</td><td>").append(esc(item.why())).append("</td></tr>\n");
      }
      page.append("</table>\n");
    }

    if (view.questionnaire() != null) {
      questionnaire(page, view.questionnaire());
    }
    return page.append("</body>\n</html>\n").toString();
  }

  private Map<String, Object> answers(CertificationReport report) {
    if (report.getQuestionnaire() == null) {
      return null;
    }
    try {
      return json.readValue(report.getQuestionnaire(), new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored questionnaire of report " + report.getId() + " is not JSON", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void questionnaire(StringBuilder page, Map<String, Object> answers) {
    page.append("<h2>问卷 / Questionnaire (CERT-4)</h2>\n<table>\n");
    Map<String, Object> general = (Map<String, Object>) answers.getOrDefault("generalAssessment", Map.of());
    for (Questionnaire.Question question : Questionnaire.GENERAL_ASSESSMENT) {
      if (general.containsKey(question.key())) {
        row(page, question.label(), general.get(question.key()));
      }
    }
    row(page, "数据收集说明 / Data collection", general.get("dataCollectionDetails"));
    Map<String, Object> kernel = (Map<String, Object>) answers.get("kernelCustomisation");
    if (kernel != null) {
      row(page, "内核定制 / Kernel customisation", kernel.get("kernelCustomisation"));
      row(page, "内核详情 / Kernel details", kernel.get("kernelDetails"));
      row(page, "附加内核模块 / Extra kernel modules", kernel.get("extraKernelModules"));
    }
    for (Map<String, Object> explained
        : (List<Map<String, Object>>) answers.getOrDefault("warningExplanations", List.of())) {
      row(page, "警告说明 / Warning explained: " + explained.get("warning"), explained.get("explanation"));
    }
    row(page, "SSH 访问说明 / SSH access notes", answers.get("sshAccessNotes"));
    row(page, "其他说明 / Additional notes", answers.get("additionalNotes"));
    page.append("</table>\n");
  }

  private static String statusText(CertificationReport.Status status) {
    return switch (status) {
      case CERTIFIED -> "已认证 / Certified";
      case QUESTIONNAIRE -> "测试通过，等待问卷 / Tests passed, questionnaire pending";
      case FAILED -> "未认证：有测试失败 / Not certified: a test failed";
    };
  }

  private static void row(StringBuilder page, String label, Object value) {
    if (value != null) {
      page.append("<tr><th>").append(esc(label)).append("</th><td><pre>").append(esc(String.valueOf(value)))
          .append("</pre></td></tr>\n");
    }
  }

  private static String esc(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
  }
}
