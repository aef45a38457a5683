package cn.marketplace.onboarding.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Keeps one search for a rule ID enough to find everything about the rule: its check and tests (the
 * catalogue, {@code docs/rules.md}), the BPMN element that runs the check (its documentation names
 * the rule), the form field the rule is about (its description) and the test that shows it. What
 * this test reads is the catalogue, so a rule added there is held to the same.
 */
@Tag("fast")
class RuleTraceTest {

  private static final Path CATALOGUE = Path.of("docs/rules.md");
  private static final Path PROCESSES = Path.of("processes");
  private static final Path FORMS = Path.of("forms");
  private static final Path TESTS = Path.of("src/test/java");
  private static final Pattern ROW = Pattern.compile("^\\| ([A-Z]+(?:-[A-Z]+)*-\\d+) \\|(.*)\\|\\s*$");
  private static final Pattern CLASS = Pattern.compile("`([A-Z][A-Za-z0-9]+)`");
  /** Anything written like a rule ID; {@link #isRuleFamily} tells ISO-8601 or UTF-8 from a rule. */
  /** The checks that read the SAS URIs and VM access a publisher enters in the submission forms. */
  private static final Set<String> FIELD_CHECKS =
      Set.of("SasUriChecks", "BlobInspector", "VhdFooterChecks", "DiskSizeRules", "VmAccessChecks");
  private static final Pattern WRITTEN_ID = Pattern.compile("\\b[A-Z]+(?:-[A-Z]+)*-\\d+\\b");

  /** Each catalogue entry's cells after the ID: rule, source, severity, checked by, tested by. */
  private static Map<String, List<String>> catalogue;
  /** Each diagram's documentation, by diagram file and element ID. */
  private static Map<String, String> documentation;
  private static Map<String, String> forms;
  private static Map<String, String> testSources;

  @BeforeAll
  static void readEverything() throws IOException {
    catalogue = new LinkedHashMap<>();
    for (String line : Files.readAllLines(CATALOGUE)) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        catalogue.put(row.group(1), Arrays.stream(row.group(2).split(" \\| ")).map(String::trim).toList());
      }
    }
    assertThat(catalogue).as("entries of %s", CATALOGUE).isNotEmpty();

    documentation = new LinkedHashMap<>();
    for (Path diagram : files(PROCESSES, ".bpmn")) {
      for (Documentation doc : Bpmn.readModelFromFile(diagram.toFile()).getModelElementsByType(Documentation.class)) {
        String element = ((BaseElement) doc.getParentElement()).getId();
        documentation.merge(diagram.getFileName() + "#" + element, doc.getTextContent(), (a, b) -> a + "\n" + b);
      }
    }
    forms = new LinkedHashMap<>();
    for (Path form : files(FORMS, ".form")) {
      forms.put(form.getFileName().toString(), Files.readString(form));
    }
    testSources = new LinkedHashMap<>();
    for (Path source : files(TESTS, ".java")) {
      testSources.put(source.getFileName().toString().replace(".java", ""), Files.readString(source));
    }
  }

  @Test
  void everyCheckedRuleIsNamedByTheBpmnElementThatRunsItsCheck() {
    List<String> unnamed = checkedRules().filter(id -> documentation.values().stream().noneMatch(doc -> names(doc, id)))
        .toList();
    assertThat(unnamed).as("rules with a check that no <bpmn:documentation> in %s names; write each ID out "
        + "in the documentation of the element whose delegate runs the check", PROCESSES).isEmpty();
  }

  @Test
  void everyCheckedRuleIsNamedByATestTheCatalogueSaysShowsIt() {
    List<String> unnamed = checkedRules().filter(id -> testsOf(id).stream()
        .noneMatch(test -> names(testSources.getOrDefault(test, ""), id)))
        .map(id -> id + " " + testsOf(id)).toList();
    assertThat(unnamed).as("rules with a check whose tests (the catalogue's \"tested by\") never name the ID "
        + "or its RuleId constant at the test that shows it").isEmpty();
  }

  @Test
  void everyRuleIdInADiagramOrAFormIsARule() {
    List<String> unknown = new ArrayList<>();
    documentation.forEach((element, doc) -> unknownIds(doc).forEach(id -> unknown.add(element + ": " + id)));
    forms.forEach((form, text) -> unknownIds(text).forEach(id -> unknown.add(form + ": " + id)));
    assertThat(unknown).as("rule IDs written in BPMN documentation or forms that RuleId does not know").isEmpty();
  }

  @Test
  void theSubmissionFormsNameEveryRuleTheVhdAndVmChecksApplyToTheirFields() {
    List<String> rules = catalogue.entrySet().stream()
        .filter(entry -> CLASS.matcher(entry.getValue().get(3)).results().map(match -> match.group(1))
            .anyMatch(FIELD_CHECKS::contains))
        .map(Map.Entry::getKey).toList();
    assertThat(rules).as("rules checked by %s", FIELD_CHECKS).isNotEmpty();
    for (String form : List.of("submission.form", "fix-submission.form")) {
      assertThat(rules.stream().filter(id -> !names(forms.get(form), id)))
          .as("rules %s does not name at the field they check; write each ID out", form).isEmpty();
    }
  }

  /** The rules whose entry names a class that checks them (the others say why nothing can). */
  private static Stream<String> checkedRules() {
    return catalogue.entrySet().stream().filter(entry -> entry.getValue().get(3).startsWith("`"))
        .map(Map.Entry::getKey);
  }

  private static List<String> testsOf(String id) {
    return CLASS.matcher(catalogue.get(id).get(4)).results().map(match -> match.group(1)).toList();
  }

  /** Whether {@code text} names the rule by its ID or its {@link RuleId} constant. */
  private static boolean names(String text, String id) {
    String constant = id.replace('-', '_');
    return Pattern.compile("(?<![A-Z-])(" + Pattern.quote(id) + "|" + constant + ")(?![\\w-])").matcher(text).find();
  }

  private static Set<String> unknownIds(String text) {
    Set<String> known = Arrays.stream(RuleId.values()).map(RuleId::id).collect(Collectors.toSet());
    return WRITTEN_ID.matcher(text).results().map(MatchResult::group)
        .filter(RuleTraceTest::isRuleFamily).filter(id -> !known.contains(id)).collect(Collectors.toSet());
  }

  /** Whether {@code id} starts like some rule's ID (SAS-, LNX-, WIN-...), so it is meant as one. */
  private static boolean isRuleFamily(String id) {
    String family = id.substring(0, id.indexOf('-'));
    return Arrays.stream(RuleId.values()).anyMatch(rule -> rule.id().startsWith(family + "-"));
  }

  private static List<Path> files(Path root, String suffix) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
