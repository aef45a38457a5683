package cn.marketplace.onboarding.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/rules.md}, the rule catalogue, in step with {@link RuleId} and the code: one entry
 * per ID with its severity, and every class it names as a check or a test exists, each check naming
 * its rule (as the constant or the ID).
 */
class RuleCatalogueTest {

  private static final Path CATALOGUE = Path.of("docs/rules.md");
  private static final Pattern ROW = Pattern.compile("^\\| ([A-Z]+(?:-[A-Z]+)*-\\d+) \\|(.*)\\|\\s*$");
  private static final Pattern CLASS = Pattern.compile("`([A-Z][A-Za-z0-9]+)`");

  private static Map<String, List<String>> entries;

  @BeforeAll
  static void readCatalogue() throws IOException {
    entries = new LinkedHashMap<>();
    for (String line : Files.readAllLines(CATALOGUE)) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        List<String> cells = Arrays.stream(row.group(2).split(" \\| ")).map(String::trim).toList();
        assertThat(cells).as("columns of " + row.group(1)).hasSize(5);
        assertThat(entries.put(row.group(1), cells)).as("second entry for " + row.group(1)).isNull();
      }
    }
  }

  @Test
  void everyRuleIdHasOneEntryAndEveryEntryIsARuleId() {
    assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(RuleId.values()).map(RuleId::id).toList());
  }

  @Test
  void eachEntryGivesTheRuleItsSourceAndTheSeverityOfRuleId() {
    entries.forEach((id, cells) -> {
      assertThat(cells.get(0)).as(id + " rule").isNotBlank();
      assertThat(cells.get(1)).as(id + " source").containsAnyOf("guide", "Microsoft", "The product's own rule");
      assertThat(cells.get(2)).as(id + " severity").isEqualTo(RuleId.of(id).severity().name().toLowerCase(Locale.ROOT));
    });
  }

  @Test
  void eachCheckNamedExistsAndNamesItsRuleOrTheEntrySaysWhyThereIsNone() {
    entries.forEach((id, cells) -> {
      String checkedBy = cells.get(3);
      if (!checkedBy.startsWith("`")) {
        assertThat(checkedBy).as(id + ": why no class checks it").hasSizeGreaterThan(20);
        return;
      }
      for (String name : classes(checkedBy)) {
        Path source = sourceOf("src/main/java", name)
            .orElseThrow(() -> new AssertionError(id + ": no main class " + name));
        assertThat(read(source)).as(id + " in " + name)
            .containsPattern("\\b(" + RuleId.of(id).name() + "\\b|" + Pattern.quote(id) + "\\b)");
      }
    });
  }

  @Test
  void eachTestNamedExists() {
    entries.forEach((id, cells) -> {
      List<String> tests = classes(cells.get(4));
      assertThat(tests).as(id + " tested by").isNotEmpty();
      tests.forEach(name -> assertThat(sourceOf("src/test/java", name)).as(id + ": test " + name).isPresent());
    });
  }

  private static List<String> classes(String cell) {
    return CLASS.matcher(cell).results().map(match -> match.group(1)).toList();
  }

  private static Optional<Path> sourceOf(String root, String simpleName) {
    try (Stream<Path> files = Files.walk(Path.of(root))) {
      return files.filter(file -> file.getFileName().toString().equals(simpleName + ".java")).findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
