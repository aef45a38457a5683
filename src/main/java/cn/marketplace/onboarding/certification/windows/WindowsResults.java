package cn.marketplace.onboarding.certification.windows;

import cn.marketplace.onboarding.certification.linux.LinuxChecks;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.Findings;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.rules.RuleId;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reads the results of Microsoft's certification tool for a Windows VM, which the ISV uploads
 * next to the VHD (CERT-5), and turns each test into a finding: any failed test means the image
 * is not certified (CERT-3). Bad input becomes a finding, never an exception.
 *
 * <p>The file is JSON, UTF-8, at most {@value #MAX_CHARS} characters:
 * <pre>{@code
 * {
 *   "format": "azure-vm-certification-results",
 *   "version": 1,
 *   "tool": "Certification Test Tool for Azure Certified",   (optional)
 *   "toolVersion": "3.1",                                    (optional)
 *   "os": "Windows Server 2012 R2 Datacenter",               (optional)
 *   "tests": [
 *     { "name": "Sysprep generalization", "result": "pass", "message": "..." },
 *     { "name": "Windows Update", "result": "warning", "message": "2 important updates missing",
 *       "ruleId": "WIN-PATCH-1" }                            (ruleId optional)
 *   ]
 * }
 * }</pre>
 * {@code result} is {@code pass}, {@code warning} or {@code fail} ({@code passed}, {@code warn},
 * {@code failed} and any letter case are read too). A test maps to its {@code ruleId} when that
 * names a WIN-* rule; otherwise a test about sysprep or generalization maps to WIN-GEN-1, one
 * about Windows Update or patches to WIN-PATCH-1, and every other test to CERT-3. The tool's own
 * message is kept as the finding's evidence.
 */
@Component
public class WindowsResults {

  public static final String FORMAT = "azure-vm-certification-results";
  public static final int SUPPORTED_VERSION = 1;
  public static final int MAX_CHARS = 1024 * 1024;
  static final int MAX_TESTS = 1_000;
  private static final int MAX_TEXT = 500;
  private static final String SUBJECT = LinuxChecks.SUBJECT;
  private static final Pattern SYSPREP = Pattern.compile("(?i)sysprep|generali[sz]");
  private static final Pattern UPDATES = Pattern.compile("(?i)update|patch");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private final ObjectMapper mapper;

  public WindowsResults() {
    mapper = JsonMapper.builder().build();
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(20).maxStringLength(MAX_CHARS).maxNumberLength(20).build());
  }

  /** The tool's results as findings, with the verdict last. */
  public WindowsCertificationResult read(String json) {
    List<Finding> findings = new ArrayList<>();
    JsonNode root = parse(json, findings);
    String os = null;
    String toolVersion = null;
    if (root != null) {
      os = text(root.path("os"));
      toolVersion = text(root.path("toolVersion"));
      readTests(root, findings);
    }
    boolean certified = !Findings.anyFailed(findings);
    findings.add(certified
        ? Finding.pass(RuleId.CERT_3, SUBJECT, "CERT-3.windows.certified")
        : Finding.fail(RuleId.CERT_3, SUBJECT, "CERT-3.windows.not-certified"));
    return new WindowsCertificationResult(findings, certified, os, toolVersion);
  }

  private JsonNode parse(String json, List<Finding> findings) {
    if (json == null || json.isBlank()) {
      findings.add(malformed("empty", "the file is empty"));
      return null;
    }
    if (json.length() > MAX_CHARS) {
      findings.add(malformed("too-large", json.length() + " characters"));
      return null;
    }
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      findings.add(malformed("not-json", where(e)));
      return null;
    }
    if (root == null || !root.isObject()) {
      findings.add(malformed("not-json", "the file is not a JSON object"));
      return null;
    }
    if (!FORMAT.equals(root.path("format").asText()) || root.path("version").asInt(-1) != SUPPORTED_VERSION) {
      findings.add(malformed("format", "format " + clean(root.path("format").asText()) + ", version "
          + clean(root.path("version").asText())));
      return null;
    }
    return root;
  }

  private void readTests(JsonNode root, List<Finding> findings) {
    JsonNode tests = root.path("tests");
    if (!tests.isArray() || tests.isEmpty()) {
      findings.add(malformed("no-tests", "tests: " + (tests.isArray() ? "[]" : "missing")));
      return;
    }
    if (tests.size() > MAX_TESTS) {
      findings.add(malformed("too-large", tests.size() + " tests"));
      return;
    }
    int index = 0;
    for (JsonNode test : tests) {
      index++;
      String name = text(test.path("name"));
      if (name == null || name.isEmpty()) {
        findings.add(malformed("test-without-name", "test " + index));
        continue;
      }
      RuleId rule = ruleFor(name, text(test.path("ruleId")));
      Result result = result(text(test.path("result")));
      String message = text(test.path("message"));
      if (result == null) {
        findings.add(Finding.fail(rule, SUBJECT, "CERT-3.windows.unknown-result", name)
            .withEvidence("result: " + text(test.path("result"))));
        continue;
      }
      findings.add(new Finding(rule, result, SUBJECT, rule.id() + ".windows." + result.value(), List.of(name), message));
    }
  }

  private static RuleId ruleFor(String name, String declaredRule) {
    if (declaredRule != null) {
      for (RuleId rule : List.of(RuleId.WIN_GEN_1, RuleId.WIN_PATCH_1)) {
        if (rule.id().equalsIgnoreCase(declaredRule)) {
          return rule;
        }
      }
    }
    if (SYSPREP.matcher(name).find()) {
      return RuleId.WIN_GEN_1;
    }
    if (UPDATES.matcher(name).find()) {
      return RuleId.WIN_PATCH_1;
    }
    return RuleId.CERT_3;
  }

  private static Result result(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "pass", "passed" -> Result.PASS;
      case "warning", "warn" -> Result.WARNING;
      case "fail", "failed" -> Result.FAIL;
      default -> null;
    };
  }

  private static Finding malformed(String reason, String evidence) {
    return Finding.fail(RuleId.CERT_3, SUBJECT, "CERT-3.windows.malformed." + reason).withEvidence(evidence);
  }

  /** Where the JSON broke, never the content around it. */
  private static String where(JacksonException e) {
    JsonLocation location = e.getLocation();
    return location == null ? "not JSON"
        : "not JSON at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String text(JsonNode node) {
    return node.isValueNode() ? clean(node.asText()) : null;
  }

  private static String clean(String value) {
    String cleaned = CONTROL.matcher(value).replaceAll(" ").strip();
    return cleaned.length() > MAX_TEXT ? cleaned.substring(0, MAX_TEXT) + "..." : cleaned;
  }
}
