package cn.marketplace.onboarding.certification.report;

import cn.marketplace.onboarding.engine.Refusal;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleMessages;
import cn.marketplace.onboarding.process.ImageCertification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The questionnaire that follows the automated tests (image guide 5.1, CERT-4): a general assessment,
 * the kernel's customisation (Linux), an explanation of each warning the tests gave, and optional
 * SSH access notes. The keys are those of {@code forms/answer-questionnaire.form}; {@link #read} checks
 * what Tasklist or the REST API sent and turns it into the answers the report keeps.
 */
public final class Questionnaire {

  /** Warnings get a field each up to this many; the last field explains the rest together. */
  public static final int EXPLANATION_FIELDS = 12;

  private static final Set<String> YES_NO = Set.of("yes", "no");
  private static final Set<String> KERNEL_CHOICES = Set.of("none", "patched", "custom");
  private static final int MAX_TEXT = 2000;

  /** One yes/no question; {@code linuxOnly} ones are not asked of Windows images. */
  public record Question(String key, String label, boolean linuxOnly) {}

  /** The general assessment, in the order of the form. */
  public static final List<Question> GENERAL_ASSESSMENT = List.of(
      new Question(ImageCertification.ENDORSED_DISTRIBUTION,
          "镜像基于 Azure 认可的 Linux 发行版，软件包来自其官方源 / The image is based on a Linux distribution "
              + "endorsed for Azure, with packages from its official repositories", true),
      new Question(ImageCertification.LATEST_UPDATES_INSTALLED,
          "已安装所有最新的安全更新 / All current security updates are installed (LNX-SEC-1, WIN-PATCH-1)", false),
      new Question(ImageCertification.SECURITY_GUIDANCE_FOLLOWED,
          "已遵循发行版的安全指南 / The distribution's security guidance was followed (LNX-SEC-2)", false),
      new Question(ImageCertification.NO_SHARED_CREDENTIALS,
          "没有在各实例间保持不变的默认账户或密码 / No default account or password stays the same across "
              + "instances (LNX-SEC-3)", false),
      new Question(ImageCertification.GENERALIZED_LAST_STEP,
          "最后一步已通用化映像（waagent -deprovision 或 sysprep）/ Generalizing was the last step "
              + "(waagent -deprovision or sysprep; LNX-GEN-1, WIN-GEN-1)", false),
      new Question(ImageCertification.SOFTWARE_LICENSED,
          "映像中的所有软件均可在云市场中再分发 / All software in the image may be redistributed in the "
              + "marketplace", false),
      new Question(ImageCertification.COLLECTS_CUSTOMER_DATA,
          "映像会从客户的虚拟机收集或发送数据 / The image collects or sends data from the customer's VM", false));

  private Questionnaire() {}

  /** The key of the form field that explains warning {@code number} (1-based). */
  public static String explanationKey(int number) {
    return ImageCertification.warningExplanation(number);
  }

  /** The key of the task variable that shows warning {@code number} (1-based). */
  public static String warningKey(int number) {
    return ImageCertification.warning(number);
  }

  /**
   * What the form shows of the warnings: one text per explanation field (the last one carrying all
   * remaining warnings), in {@code locale}.
   */
  public static List<String> warningTexts(List<Finding> warnings, Locale locale) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < warnings.size(); i++) {
      String text = RuleMessages.render(warnings.get(i), locale)
          + (warnings.get(i).evidence() == null ? "" : " (" + warnings.get(i).evidence() + ")");
      if (i < EXPLANATION_FIELDS) {
        texts.add(text);
      } else {
        texts.set(EXPLANATION_FIELDS - 1, texts.get(EXPLANATION_FIELDS - 1) + "\n" + text);
      }
    }
    return texts;
  }

  /**
   * The answers as the report keeps them.
   *
   * @param variables what the form sent
   * @param warnings the warnings of the tests, in the order {@link #warningTexts} showed them
   * @param linux whether the kernel and SSH questions apply
   * @throws Refusal naming every question left unanswered or answered with a value
   *     the form does not offer
   */
  public static Map<String, Object> read(Map<String, Object> variables, List<Finding> warnings, boolean linux) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> answers = new LinkedHashMap<>();

    Map<String, Object> general = new LinkedHashMap<>();
    for (Question question : GENERAL_ASSESSMENT) {
      if (!question.linuxOnly() || linux) {
        general.put(question.key(), choice(variables, question.key(), YES_NO, problems));
      }
    }
    if ("yes".equals(general.get(ImageCertification.COLLECTS_CUSTOMER_DATA))) {
      general.put(ImageCertification.DATA_COLLECTION_DETAILS, requiredText(variables, ImageCertification.DATA_COLLECTION_DETAILS, problems));
    }
    answers.put("generalAssessment", general);

    if (linux) {
      Map<String, Object> kernel = new LinkedHashMap<>();
      String customisation = choice(variables, ImageCertification.KERNEL_CUSTOMISATION, KERNEL_CHOICES, problems);
      kernel.put(ImageCertification.KERNEL_CUSTOMISATION, customisation);
      if (customisation != null && !customisation.equals("none")) {
        kernel.put(ImageCertification.KERNEL_DETAILS, requiredText(variables, ImageCertification.KERNEL_DETAILS, problems));
      }
      putIfPresent(kernel, ImageCertification.EXTRA_KERNEL_MODULES, optionalText(variables, ImageCertification.EXTRA_KERNEL_MODULES));
      answers.put(ImageCertification.KERNEL_CUSTOMISATION, kernel);
    }

    List<Map<String, Object>> explanations = new ArrayList<>();
    for (int i = 0; i < warnings.size(); i++) {
      int field = Math.min(i + 1, EXPLANATION_FIELDS);
      Finding warning = warnings.get(i);
      Map<String, Object> explained = new LinkedHashMap<>();
      explained.put("ruleId", warning.ruleId().id());
      explained.put("subject", warning.subject());
      explained.put("warning", RuleMessages.render(warning, RuleMessages.EN));
      explained.put("explanation", requiredText(variables, explanationKey(field), problems));
      explanations.add(explained);
    }
    answers.put("warningExplanations", explanations);

    if (linux) {
      putIfPresent(answers, ImageCertification.SSH_ACCESS_NOTES, optionalText(variables, ImageCertification.SSH_ACCESS_NOTES));
    }
    putIfPresent(answers, ImageCertification.ADDITIONAL_NOTES, optionalText(variables, ImageCertification.ADDITIONAL_NOTES));
    if (!Boolean.TRUE.equals(variables.get(ImageCertification.ANSWERS_CONFIRMED))
        && !"true".equals(String.valueOf(variables.get(ImageCertification.ANSWERS_CONFIRMED)))) {
      problems.add(ImageCertification.ANSWERS_CONFIRMED);
    }

    if (!problems.isEmpty()) {
      throw new Refusal(String.join(",", problems), Refusal.Kind.INVALID, "questionnaire-incomplete",
          "Questionnaire incomplete", "[CERT-4] 问卷未完成 / The questionnaire is incomplete: "
          + String.join(", ", problems.stream().distinct().toList()));
    }
    return answers;
  }

  private static String choice(Map<String, Object> variables, String key, Set<String> allowed, List<String> problems) {
    String value = optionalText(variables, key);
    if (value == null || !allowed.contains(value)) {
      problems.add(key);
      return null;
    }
    return value;
  }

  private static String requiredText(Map<String, Object> variables, String key, List<String> problems) {
    String value = optionalText(variables, key);
    if (value == null) {
      problems.add(key);
    }
    return value;
  }

  private static String optionalText(Map<String, Object> variables, String key) {
    Object value = variables.get(key);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    String text = value.toString().strip();
    return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
