package cn.marketplace.onboarding.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.process.PublisherOnboarding;
import cn.marketplace.onboarding.process.OfferReleaseProcess;
import cn.marketplace.onboarding.process.ImageCertification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each process has one class that names its key, user tasks, messages and variables. A diagram or form
 * that names something its class does not fails here, and so does a name in the class that no diagram,
 * form or product code uses. Runs on the files as committed (working directory = project root).
 */
class ProcessNamesTest {

  private static final Path PROCESSES = Path.of("processes");
  private static final Path FORMS = Path.of("forms");
  private static final Path MAIN_SOURCES = Path.of("src/main/java");
  private static final List<Class<?>> NAME_CLASSES =
      List.of(PublisherOnboarding.class, ImageCertification.class, OfferReleaseProcess.class);
  /** What the engine itself puts in an expression's context. */
  private static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "authenticatedUserId");
  private static final Set<String> EL_KEYWORDS = Set.of("true", "false", "null", "empty", "not", "and", "or",
      "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof");
  private static final Set<String> FEEL_KEYWORDS = Set.of("true", "false", "null", "not", "and", "or", "in",
      "if", "then", "else", "between", "instance", "of");
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{(.*?)}");
  /** A bean a step or a form calls: a delegate expression, or the bean that reads what a task's form shows. */
  private static final Pattern BEAN_EXPRESSION =
      Pattern.compile("(delegateExpression|name=\"" + ShownFields.PROPERTY + "\" value)=\"\\$\\{\\w+}\"");
  private static final Pattern SET_VARIABLE = Pattern.compile("setVariable\\('(\\w+)'");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w])([A-Za-z_]\\w*)(?!\\w)(\\s*[.(])?");
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([A-Za-z_]\\w*)\\s*}}");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> everyDiagramNamesOnlyWhatItsClassNames() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : diagrams()) {
      Used used = used(file);
      Names names = Names.of(classOf(used.key));
      tests.add(DynamicTest.dynamicTest(file.getFileName() + ": variables and forms' fields are named by "
          + names.type.getSimpleName(), () -> assertThat(used.variables.stream().filter(v -> !names.names(v)))
              .as("variables %s and its forms use that %s does not name", file, names.type.getSimpleName())
              .isEmpty()));
      tests.add(DynamicTest.dynamicTest(file.getFileName() + ": messages and user tasks are named by "
          + names.type.getSimpleName(), () -> {
            assertThat(names.values).as("messages of %s", file).containsAll(used.messages);
            assertThat(names.values).as("user tasks of %s", file).containsAll(used.userTasks);
          }));
    }
    return tests.stream();
  }

  @Test
  void everyProcessHasItsClass() throws IOException {
    Set<String> keys = new TreeSet<>();
    for (Path file : diagrams()) {
      keys.add(used(file).key);
    }
    Set<String> classKeys = new TreeSet<>();
    for (Class<?> type : NAME_CLASSES) {
      classKeys.add(Names.of(type).key());
    }
    assertThat(classKeys).isEqualTo(keys);
  }

  @TestFactory
  Stream<DynamicTest> noClassNamesWhatNothingUses() throws IOException {
    Map<String, Used> byKey = new LinkedHashMap<>();
    for (Path file : diagrams()) {
      Used used = used(file);
      byKey.put(used.key, used);
    }
    String sources = mainSources();
    return NAME_CLASSES.stream().map(type -> DynamicTest.dynamicTest(type.getSimpleName() + " has no dead names",
        () -> {
          Names names = Names.of(type);
          Used used = byKey.get(names.key());
          assertThat(used).as("diagram of %s", names.key()).isNotNull();
          List<String> dead = new ArrayList<>();
          for (Map.Entry<String, String> constant : names.constants.entrySet()) {
            String value = constant.getValue();
            boolean inModel = value.equals(used.key) || used.variables.contains(value)
                || used.messages.contains(value) || used.userTasks.contains(value);
            if (!inModel && !sources.contains(type.getSimpleName() + "." + constant.getKey())) {
              dead.add(constant.getKey() + " = " + value);
            }
          }
          for (Map.Entry<String, Method> family : names.families.entrySet()) {
            boolean inModel = used.variables.stream().anyMatch(v -> names.inFamily(family.getKey(), v));
            if (!inModel && !sources.contains(type.getSimpleName() + "." + family.getValue().getName() + "(")) {
              dead.add(family.getValue().getName() + "(n)");
            }
          }
          assertThat(dead).as("names in %s that no diagram, form or product code uses", type.getSimpleName())
              .isEmpty();
        }));
  }

  // ---- what a diagram and its forms use -------------------------------------------------------

  private record Used(String key, Set<String> variables, Set<String> messages, Set<String> userTasks) {}

  private static Used used(Path file) throws IOException {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    List<Process> processes = new ArrayList<>(model.getModelElementsByType(Process.class));
    assertThat(processes).as("processes in %s", file).hasSize(1);
    Set<String> variables = new TreeSet<>();
    Set<String> messages = new TreeSet<>();
    Set<String> userTasks = new TreeSet<>();
    Set<String> formRefs = new TreeSet<>();
    for (Message message : model.getModelElementsByType(Message.class)) {
      messages.add(message.getName());
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      userTasks.add(task.getId());
      addIfPresent(formRefs, task.getCamundaFormRef());
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      addIfPresent(variables, start.getCamundaInitiator());
      addIfPresent(formRefs, start.getCamundaFormRef());
    }
    for (CamundaInputParameter input : model.getModelElementsByType(CamundaInputParameter.class)) {
      variables.add(input.getCamundaName());
    }
    for (CamundaOutputParameter output : model.getModelElementsByType(CamundaOutputParameter.class)) {
      variables.add(output.getCamundaName());
    }
    // extension properties a step's delegate reads from the model (a mail step's template), named like variables
    for (CamundaProperty property : model.getModelElementsByType(CamundaProperty.class)) {
      if (!ShownFields.PROPERTY.equals(property.getCamundaName())) {
        variables.add(property.getCamundaName());
      }
    }
    // expressions anywhere: conditions, timers, listeners, assignments, parameters' values
    String xml = unescape(BEAN_EXPRESSION.matcher(Files.readString(file)).replaceAll(""));
    Matcher expression = EXPRESSION.matcher(xml);
    while (expression.find()) {
      variables.addAll(elVariables(expression.group(1)));
    }
    for (String formRef : formRefs) {
      variables.addAll(formVariables(formRef));
    }
    return new Used(processes.get(0).getId(), variables, messages, userTasks);
  }

  /** Variables an EL expression reads or sets: not the beans, methods and functions it calls. */
  static Set<String> elVariables(String expression) {
    Set<String> names = new TreeSet<>();
    Matcher set = SET_VARIABLE.matcher(expression);
    while (set.find()) {
      names.add(set.group(1));
    }
    Matcher identifier = IDENTIFIER.matcher(expression.replaceAll("'[^']*'|\"[^\"]*\"", "''"));
    while (identifier.find()) {
      String name = identifier.group(1);
      if (identifier.group(2) == null && !EL_KEYWORDS.contains(name) && !ENGINE_NAMES.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /** Field keys, {@code {{templates}}} and FEEL ({@code =...}) variables of the form with this id. */
  private static Set<String> formVariables(String formId) throws IOException {
    for (Path file : list(FORMS, ".form")) {
      JsonNode form = JSON.readTree(file.toFile());
      if (formId.equals(form.path("id").asText())) {
        Set<String> names = new TreeSet<>();
        collectFormVariables(form, names);
        return names;
      }
    }
    throw new AssertionError("no form with id " + formId + " in " + FORMS);
  }

  private static void collectFormVariables(JsonNode node, Set<String> names) {
    if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        if (field.getKey().equals("key") && field.getValue().isTextual()) {
          names.add(field.getValue().asText());
        } else {
          collectFormVariables(field.getValue(), names);
        }
      });
    } else if (node.isArray()) {
      node.forEach(child -> collectFormVariables(child, names));
    } else if (node.isTextual()) {
      String text = node.asText();
      Matcher template = TEMPLATE.matcher(text);
      while (template.find()) {
        names.add(template.group(1));
      }
      if (text.startsWith("=")) {
        names.addAll(feelVariables(text.substring(1)));
      }
    }
  }

  static Set<String> feelVariables(String expression) {
    Set<String> names = new TreeSet<>();
    Matcher identifier = IDENTIFIER.matcher(expression.replaceAll("\"[^\"]*\"", "\"\""));
    while (identifier.find()) {
      String name = identifier.group(1);
      if (identifier.group(2) == null && !FEEL_KEYWORDS.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  // ---- what a class names ----------------------------------------------------------------------

  private static final class Names {
    final Class<?> type;
    final Map<String, String> constants = new LinkedHashMap<>();
    /** Numbered names, by prefix: {@code warning(3)} is {@code warning3}. */
    final Map<String, Method> families = new LinkedHashMap<>();
    final Set<String> values = new TreeSet<>();

    private Names(Class<?> type) {
      this.type = type;
    }

    static Names of(Class<?> type) {
      Names names = new Names(type);
      try {
        for (Field field : type.getDeclaredFields()) {
          int modifiers = field.getModifiers();
          if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
              && field.getType() == String.class) {
            String value = (String) field.get(null);
            names.constants.put(field.getName(), value);
            names.values.add(value);
          }
        }
        for (Method method : type.getDeclaredMethods()) {
          if (Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers())
              && method.getReturnType() == String.class && method.getParameterCount() == 1
              && method.getParameterTypes()[0] == int.class) {
            String zero = (String) method.invoke(null, 0);
            assertThat(zero).as("%s.%s(0)", type.getSimpleName(), method.getName()).endsWith("0");
            names.families.put(zero.substring(0, zero.length() - 1), method);
          }
        }
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
      assertThat(names.constants).as("constants of %s", type.getSimpleName()).containsKey("KEY");
      return names;
    }

    String key() {
      return constants.get("KEY");
    }

    boolean names(String variable) {
      return values.contains(variable) || families.keySet().stream().anyMatch(prefix -> inFamily(prefix, variable));
    }

    boolean inFamily(String prefix, String variable) {
      return variable.startsWith(prefix) && variable.substring(prefix.length()).matches("[1-9][0-9]*");
    }
  }

  private static Class<?> classOf(String processKey) {
    return NAME_CLASSES.stream().filter(type -> processKey.equals(Names.of(type).key())).findFirst()
        .orElseThrow(() -> new AssertionError("no class names process " + processKey + "; add one to "
            + NAME_CLASSES));
  }

  // ---- files -----------------------------------------------------------------------------------

  private static List<Path> diagrams() throws IOException {
    List<Path> files = list(PROCESSES, ".bpmn");
    assertThat(files).as("BPMN files in %s", PROCESSES.toAbsolutePath()).isNotEmpty();
    return files;
  }

  private static String mainSources() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = Files.readString(file);
        // a class's own declarations do not make its names used
        if (NAME_CLASSES.stream().noneMatch(type -> file.endsWith(type.getSimpleName() + ".java"))) {
          all.append(text).append('\n');
        }
      }
    }
    return all.toString();
  }

  private static List<Path> list(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static void addIfPresent(Set<String> set, String value) {
    if (value != null && !value.isBlank()) {
      set.add(value);
    }
  }

  private static String unescape(String xml) {
    return xml.replace("&#39;", "'").replace("&apos;", "'").replace("&quot;", "\"").replace("&gt;", ">")
        .replace("&lt;", "<").replace("&amp;", "&");
  }
}
