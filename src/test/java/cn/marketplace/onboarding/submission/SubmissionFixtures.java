package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.certification.report.Questionnaire;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/** Submissions for tests: a valid Linux one, and changes of one field. */
public final class SubmissionFixtures {

  public static final String SIZES = "Standard_B2s, Standard_D2s_v3, Standard_D4s_v3";

  private SubmissionFixtures() {}

  /** A valid Linux submission (BYOL, password access) with these VHDs. */
  public static SubmissionForm linux(String osVhdUri, String dataDiskUris) {
    return new SubmissionForm("contoso-db", "Contoso DB", "standard-2026", "Contoso DB on Ubuntu, ready to run", "byol",
        null, "linux", "Ubuntu Server 22.04 LTS", SIZES, "1.0.0", osVhdUri, dataDiskUris, "certvm.chinaeast2.cloudapp.chinacloudapi.cn", 22,
        "azureuser", "Cert-VM-passw0rd!", null, null, null, null);
  }

  public static SubmissionForm linux() {
    return linux("https://contoso.blob.core.chinacloudapi.cn/vhds/os.vhd?sv=2024-11-04&sp=rl&sig=abc", null);
  }

  /** {@code form} certified on the sample VM that {@code vm} serves, logging in with its password. */
  public static SubmissionForm onSampleVm(SampleVmServer vm, SubmissionForm form) {
    Map<String, Object> fields = variables(form);
    fields.put("vmHost", vm.host());
    fields.put("vmPort", vm.port());
    fields.put("vmUser", SampleVmServer.USER);
    fields.put("vmPassword", SampleVmServer.PASSWORD);
    return SubmissionForm.fromVariables(fields);
  }

  /** {@code form} with {@code field} set to {@code value} (null clears it). */
  public static SubmissionForm with(SubmissionForm form, String field, Object value) {
    Map<String, Object> fields = variables(form);
    fields.put(field, value);
    return SubmissionForm.fromVariables(fields);
  }

  /** Every field of {@code form} as Tasklist would send it: all of them, secrets included. */
  public static Map<String, Object> variables(SubmissionForm form) {
    Map<String, Object> fields = new HashMap<>();
    for (RecordComponent component : SubmissionForm.class.getRecordComponents()) {
      try {
        Object value = component.getAccessor().invoke(form);
        if (value != null) {
          fields.put(component.getName(), value);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return fields;
  }

  /**
   * A complete questionnaire (CERT-4) for an image whose tests gave no warning: every general
   * question answered yes, no customer data collected, the distribution's kernel, confirmed.
   */
  public static Map<String, Object> completeQuestionnaire() {
    Map<String, Object> answers = new HashMap<>();
    for (Questionnaire.Question question : Questionnaire.GENERAL_ASSESSMENT) {
      answers.put(question.key(), "yes");
    }
    answers.put("collectsCustomerData", "no");
    answers.put("kernelCustomisation", "none");
    answers.put("answersConfirmed", true);
    return answers;
  }
}
