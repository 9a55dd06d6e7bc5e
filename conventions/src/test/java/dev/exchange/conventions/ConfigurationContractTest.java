package dev.exchange.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment and the code agree on configuration (terraform/modules/eks/README.md, "Job
 * configuration contract"; docs/architecture.md, "Configuration"). For every environment root under
 * {@code terraform/envs}, every container of a service and every FlinkDeployment:
 *
 * <ul>
 *   <li>each environment variable and argument Terraform sets is read by the code of that process;
 *   <li>each setting the code requires is set.
 * </ul>
 *
 * <p>What a Flink job reads and requires is its flags in the job catalog that flink-jobs publishes
 * and checks ({@code jobs.json}: the argument, and the environment variable each flag falls back
 * to). What a service reads is found in its sources and those of the modules it is built from:
 * {@code @ConfigurationProperties} records, {@code @Value} and {@code getProperty} keys, {@code
 * Binder} prefixes, {@code EXCHANGE_*} variable names, {@code KafkaConnection}'s settings, and the
 * keys of its {@code application.properties}; Spring's relaxed binding maps a variable onto them.
 * What a service requires is every packaged setting that points at {@code localhost}.
 */
class ConfigurationContractTest {

  private static final Path ROOT = TerraformConventionsTest.REPO_ROOT;
  private static final Path TERRAFORM = ROOT.resolve("terraform");

  /** Variables read by a library rather than by our code, and which. */
  static final Map<String, String> READ_BY_LIBRARIES =
      Map.of(
          "AWS_REGION", "the AWS SDK's default region (MSK IAM authentication, S3, Glue)",
          "JAVA_TOOL_OPTIONS", "the JVM",
          "SPRING_DATASOURCE_PASSWORD", "Spring Boot's DataSourceProperties (spring.datasource.*)");

  /** One setting the code cannot run without, given by any one of these variables or arguments. */
  record Requirement(String description, Set<String> variables, Set<String> arguments) {}

  /** What the code of one process reads (names and prefixes) and requires. */
  record Reads(
      Set<String> variables,
      Set<String> variablePrefixes,
      Set<String> arguments,
      Set<String> argumentPrefixes,
      List<Requirement> required) {}

  /** What a deployment gives one process. */
  record Given(String where, Set<String> variables, List<String> arguments) {}

  @Test
  void everyProcessOfEveryEnvironmentReadsWhatItIsGivenAndIsGivenWhatItNeeds() throws IOException {
    List<Given> deployed = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, Reads> jobs = jobCatalog();
    for (Path env : environments()) {
      for (Map.Entry<String, Given> service : services(env).entrySet()) {
        deployed.add(service.getValue());
        problems.addAll(problems(service.getValue(), serviceReads(service.getKey())));
      }
      Map<String, Given> flinkJobs = flinkJobs(env);
      assertThat(flinkJobs.keySet())
          .as("%s deploys every job of the catalog", relative(env))
          .containsExactlyInAnyOrderElementsOf(jobs.keySet());
      for (Map.Entry<String, Given> job : flinkJobs.entrySet()) {
        deployed.add(job.getValue());
        problems.addAll(problems(job.getValue(), jobs.get(job.getKey())));
      }
    }
    assertThat(deployed).as("containers and FlinkDeployments found").hasSizeGreaterThan(10);
    assertThat(problems).as("configuration the deployment and the code disagree on").isEmpty();
  }

  @Test
  void aVariableNothingReadsAnUnknownArgumentAndAMissingRequirementAreReported() {
    Reads reads =
        new Reads(
            Set.of("EXCHANGE_KAFKA_BOOTSTRAP_SERVERS", "EXCHANGE_JDBC_PASSWORD"),
            Set.of("EXCHANGE_RATE_LIMITS_"),
            Set.of("bootstrap-servers", "jdbc-password", "maintenance"),
            Set.of("lakehouse."),
            List.of(
                new Requirement(
                    "jdbc-password", Set.of("EXCHANGE_JDBC_PASSWORD"), Set.of("jdbc-password"))));

    assertThat(
            problems(
                new Given(
                    "job history",
                    Set.of(
                        "EXCHANGE_KAFKA_BOOTSTRAP_SERVERS",
                        "EXCHANGE_RATE_LIMITS_PER_ACCOUNT_CAPACITY",
                        "EXCHANGE_HISTORY_JDBC_PASSWORD"),
                    List.of("--maintenance", "false", "--lakehouse.warehouse", "s3://w", "--typo")),
                reads))
        .containsExactly(
            "job history: variable EXCHANGE_HISTORY_JDBC_PASSWORD is read by nothing",
            "job history: argument --typo is read by nothing",
            "job history: requires jdbc-password (EXCHANGE_JDBC_PASSWORD or --jdbc-password),"
                + " which is not set");
    assertThat(
            problems(
                new Given(
                    "job history",
                    Set.of("EXCHANGE_KAFKA_BOOTSTRAP_SERVERS"),
                    List.of("--jdbc-password", "x")),
                reads))
        .isEmpty();
  }

  private static final Pattern KAFKA_ACCESS_JOB = Pattern.compile("(?m)^    ([\\w-]+) = \\{");
  private static final Pattern TOPIC = Pattern.compile("\"(exchange\\.[a-z-]+)\"");

  /**
   * Each job's IAM role may use only the topics the exchange module lists for it ({@code
   * flink_job_kafka}): every job of the catalog has its entry, and every topic named there exists.
   */
  @Test
  void everyJobOfTheCatalogIsGrantedItsKafkaTopicsAndOnlyTopicsThatExist() throws IOException {
    Path exchange = TERRAFORM.resolve("modules/exchange/main.tf");
    String access = braced(Files.readString(exchange), "flink_job_kafka = {");
    Set<String> jobs = new LinkedHashSet<>();
    KAFKA_ACCESS_JOB.matcher(access).results().forEach(m -> jobs.add(m.group(1)));
    assertThat(jobs)
        .as("jobs of flink_job_kafka in %s", relative(exchange))
        .containsExactlyInAnyOrderElementsOf(jobCatalog().keySet());

    Path msk = TERRAFORM.resolve("modules/msk/variables.tf");
    Set<String> created = new LinkedHashSet<>();
    TOPIC
        .matcher(braced(Files.readString(msk), "variable \"topics\" {"))
        .results()
        .forEach(m -> created.add(m.group(1)));
    Set<String> granted = new LinkedHashSet<>();
    TOPIC.matcher(access).results().forEach(m -> granted.add(m.group(1)));
    assertThat(granted).as("topics of flink_job_kafka").hasSizeGreaterThan(10);
    assertThat(created).as("topics created in %s", relative(msk)).containsAll(granted);
  }

  /** The text from {@code opening} (ending in a brace) to its matching closing brace. */
  private static String braced(String source, String opening) {
    int start = source.indexOf(opening);
    assertThat(start).as("'%s' in the Terraform source", opening).isNotNegative();
    int depth = 0;
    for (int i = start + opening.length() - 1; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return source.substring(start, i + 1);
      }
    }
    throw new IllegalStateException("no closing brace after '" + opening + "'");
  }

  @Test
  void relaxedBindingMapsPropertiesOntoVariables() {
    assertThat(variable("exchange.kafka.sasl-client-callback-handler-class"))
        .isEqualTo("EXCHANGE_KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS");
    assertThat(variable("spring.datasource.url")).isEqualTo("SPRING_DATASOURCE_URL");
  }

  @Test
  void theLiteralReaderUnderstandsObjectsListsAndExpressions() {
    Object parsed =
        Literal.parse(
            """
            {
              "edge-api" = { min_replicas = 1, kafka_access = "read_write" }
              lakehouse = {
                args = ["--maintenance", tostring(!var.x)] # a comment, with a comma
                env  = { A_B = "1" }
              }
            }
            """);
    assertThat(parsed)
        .isEqualTo(
            Map.of(
                "edge-api", Map.of("min_replicas", "1", "kafka_access", "\"read_write\""),
                "lakehouse",
                    Map.of(
                        "args", List.of("\"--maintenance\"", "tostring(!var.x)"),
                        "env", Map.of("A_B", "\"1\""))));
  }

  static List<String> problems(Given given, Reads reads) {
    List<String> problems = new ArrayList<>();
    for (String variable : new TreeSet<>(given.variables())) {
      boolean read =
          reads.variables().contains(variable)
              || READ_BY_LIBRARIES.containsKey(variable)
              || reads.variablePrefixes().stream().anyMatch(variable::startsWith);
      if (!read) {
        problems.add(given.where() + ": variable " + variable + " is read by nothing");
      }
    }
    Set<String> arguments = argumentNames(given.arguments());
    for (String argument : arguments) {
      boolean read =
          reads.arguments().contains(argument)
              || reads.argumentPrefixes().stream().anyMatch(argument::startsWith);
      if (!read) {
        problems.add(given.where() + ": argument --" + argument + " is read by nothing");
      }
    }
    for (Requirement r : reads.required()) {
      boolean set =
          r.variables().stream().anyMatch(given.variables()::contains)
              || r.arguments().stream().anyMatch(arguments::contains);
      if (!set) {
        List<String> ways = new ArrayList<>(r.variables());
        r.arguments().forEach(a -> ways.add("--" + a));
        problems.add(
            given.where()
                + ": requires "
                + r.description()
                + " ("
                + String.join(" or ", ways)
                + "), which is not set");
      }
    }
    return problems;
  }

  private static Set<String> argumentNames(List<String> arguments) {
    Set<String> names = new LinkedHashSet<>();
    for (String a : arguments) {
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        names.add(eq < 0 ? a.substring(2) : a.substring(2, eq));
      }
    }
    return names;
  }

  /** The variable Spring's relaxed binding maps onto {@code property}. */
  static String variable(String property) {
    return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  // ---------------------------------------------------------------------------------------------
  // The deployment: terraform/envs/<env>/main.tf through the exchange, services and eks modules.

  private static List<Path> environments() throws IOException {
    try (Stream<Path> envs = Files.list(TERRAFORM.resolve("envs"))) {
      return envs.filter(env -> Files.isRegularFile(env.resolve("main.tf"))).sorted().toList();
    }
  }

  private static Map<String, Object> exchangeModuleArguments(Path env) throws IOException {
    for (TerraformConventionsTest.Hcl.Block block :
        TerraformConventionsTest.Hcl.parse(Files.readString(env.resolve("main.tf"))).blocks()) {
      if (block.type().equals("module") && block.labels().equals(List.of("exchange"))) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        block.body().attributes().forEach((k, v) -> arguments.put(k, v.expression()));
        return arguments;
      }
    }
    throw new IllegalStateException(env + "/main.tf has no module \"exchange\"");
  }

  /** Each service's container: its variables (the services module) and no arguments. */
  static Map<String, Given> services(Path env) throws IOException {
    Object services = exchangeModuleArguments(env).get("services");
    if (services == null) {
      services =
          attribute(
              block(TERRAFORM.resolve("modules/exchange/variables.tf"), "variable", "services"),
              "default");
    }
    Path module = TERRAFORM.resolve("modules/services/main.tf");
    String source = Files.readString(module);
    Map<String, String> locals = locals(module);
    Map<String, Object> javaToolOptions = map(Literal.parse(locals.get("java_tool_options")));
    Map<String, Given> given = new LinkedHashMap<>();
    for (Map.Entry<String, Object> service : map(Literal.parse((String) services)).entrySet()) {
      Map<String, Object> settings = map(service.getValue());
      Set<String> variables = new LinkedHashSet<>(keys(locals.get("common_env")));
      if (isTrue(settings.get("database_access"))) {
        variables.addAll(keys(locals.get("database_env")));
      }
      if (isTrue(settings.get("lakehouse_access"))) {
        variables.addAll(keys(locals.get("lakehouse_env")));
      }
      if (javaToolOptions.containsKey(service.getKey())) {
        variables.add("JAVA_TOOL_OPTIONS");
      }
      // dynamic "env" blocks with a literal set of variables, e.g. the database secret's
      Matcher dynamic = DYNAMIC_ENV.matcher(source);
      while (dynamic.find()) {
        if (isTrue(settings.get(dynamic.group(1)))) {
          variables.addAll(keys("{" + dynamic.group(2) + "}"));
        }
      }
      if (settings.get("env") != null) {
        variables.addAll(map(settings.get("env")).keySet());
      }
      String where = relative(env) + ": service " + service.getKey();
      given.put(service.getKey(), new Given(where, variables, List.of()));
    }
    return given;
  }

  private static final Pattern DYNAMIC_ENV =
      Pattern.compile(
          "dynamic \"env\" \\{\\s*for_each = each\\.value\\.(\\w+) \\? \\{([^}]*)\\} : \\{\\}");

  private static final Pattern JOB_ENTRY_CLASS =
      Pattern.compile("local\\.job_catalog\\[\"([\\w-]+)\"\\]\\.entryClass");

  /** Each FlinkDeployment, keyed by its job's catalog name: variables and job arguments. */
  static Map<String, Given> flinkJobs(Path env) throws IOException {
    Path flink = TERRAFORM.resolve("modules/eks/flink.tf");
    String source = Files.readString(flink);
    Map<String, String> locals = locals(flink);
    Set<String> always = new LinkedHashSet<>();
    Matcher unconditional = Pattern.compile("(?m)^\\s*local\\.(\\w+_env),\\s*$").matcher(source);
    while (unconditional.find()) {
      always.addAll(names(locals, unconditional.group(1)));
    }
    Map<String, String> byAccess = new LinkedHashMap<>();
    Matcher conditional =
        Pattern.compile("\\[for entry in local\\.(\\w+) : entry if job\\.(\\w+)\\]")
            .matcher(source);
    while (conditional.find()) {
      byAccess.put(conditional.group(2), conditional.group(1));
    }
    assertThat(always).as("variables of every FlinkDeployment in " + relative(flink)).isNotEmpty();
    assertThat(byAccess).as("access-dependent variables in " + relative(flink)).isNotEmpty();

    Map<String, Given> given = new LinkedHashMap<>();
    Object jobs = exchangeModuleArguments(env).get("flink_jobs");
    for (Map.Entry<String, Object> job : map(Literal.parse((String) jobs)).entrySet()) {
      Map<String, Object> settings = map(job.getValue());
      Matcher entry = JOB_ENTRY_CLASS.matcher(String.valueOf(settings.get("entry_class")));
      assertThat(entry.find())
          .as("%s: entry_class of %s comes from the job catalog", relative(env), job.getKey())
          .isTrue();
      Set<String> variables = new LinkedHashSet<>(always);
      byAccess.forEach(
          (access, list) -> {
            if (isTrue(settings.get(access))) {
              variables.addAll(names(locals, list));
            }
          });
      if (settings.get("env") != null) {
        variables.addAll(map(settings.get("env")).keySet());
      }
      List<String> arguments = new ArrayList<>();
      if (settings.get("args") != null) {
        for (Object a : (List<?>) settings.get("args")) {
          String s = (String) a;
          arguments.add(s.startsWith("\"") ? s.substring(1, s.length() - 1) : s);
        }
      }
      String where = relative(env) + ": FlinkDeployment " + job.getKey();
      given.put(entry.group(1), new Given(where, variables, arguments));
    }
    return given;
  }

  /** The {@code name = "X"} entries of a list local, following the locals it refers to. */
  private static Set<String> names(Map<String, String> locals, String local) {
    String expression = locals.get(local);
    assertThat(expression).as("local." + local).isNotNull();
    Set<String> names = new LinkedHashSet<>();
    Matcher name = Pattern.compile("name\\s*=\\s*\"([A-Z][A-Z0-9_]*)\"").matcher(expression);
    while (name.find()) {
      names.add(name.group(1));
    }
    Matcher reference = Pattern.compile("local\\.(\\w+_env)\\b").matcher(expression);
    while (reference.find()) {
      names.addAll(names(locals, reference.group(1)));
    }
    return names;
  }

  private static Map<String, String> locals(Path file) throws IOException {
    Map<String, String> locals = new LinkedHashMap<>();
    for (TerraformConventionsTest.Hcl.Block block :
        TerraformConventionsTest.Hcl.parse(Files.readString(file)).blocks()) {
      if (block.type().equals("locals")) {
        block.body().attributes().forEach((k, v) -> locals.put(k, v.expression()));
      }
    }
    return locals;
  }

  private static TerraformConventionsTest.Hcl.Block block(Path file, String type, String label)
      throws IOException {
    return TerraformConventionsTest.Hcl.parse(Files.readString(file)).blocks().stream()
        .filter(b -> b.type().equals(type) && b.labels().equals(List.of(label)))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(file + " has no " + type + " " + label));
  }

  private static String attribute(TerraformConventionsTest.Hcl.Block block, String name) {
    return block.body().attributes().get(name).expression();
  }

  private static Set<String> keys(String objectLiteral) {
    return map(Literal.parse(objectLiteral)).keySet();
  }

  private static boolean isTrue(Object value) {
    return "true".equals(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object literal) {
    assertThat(literal).isInstanceOf(Map.class);
    return (Map<String, Object>) literal;
  }

  // ---------------------------------------------------------------------------------------------
  // The code: the job catalog, and the services' sources.

  private static final Pattern CATALOG_JOB = Pattern.compile("^    \"([\\w-]+)\": \\{$");
  private static final Pattern CATALOG_FLAG =
      Pattern.compile(
          "^\\s*\\{\"name\": \"([^\"]+)\", \"required\": (true|false), .*"
              + "\"environment\": (?:null|\"([A-Z0-9_]+)\")\\},?$");

  /** Each job of flink-jobs' catalog: its flags as arguments, with their variables. */
  static Map<String, Reads> jobCatalog() throws IOException {
    Path catalog = ROOT.resolve("flink-jobs/src/main/resources/dev/exchange/jobs/jobs.json");
    Map<String, Reads> jobs = new LinkedHashMap<>();
    Reads current = null;
    for (String line : Files.readAllLines(catalog)) {
      Matcher job = CATALOG_JOB.matcher(line);
      Matcher flag = CATALOG_FLAG.matcher(line);
      if (job.matches()) {
        current =
            new Reads(
                new LinkedHashSet<>(),
                Set.of(),
                new LinkedHashSet<>(),
                new LinkedHashSet<>(),
                new ArrayList<>());
        jobs.put(job.group(1), current);
      } else if (flag.matches()) {
        String name = flag.group(1);
        String variable = flag.group(3);
        (name.endsWith(".") ? current.argumentPrefixes() : current.arguments()).add(name);
        if (variable != null) {
          current.variables().add(variable);
        }
        if (flag.group(2).equals("true")) {
          current
              .required()
              .add(
                  new Requirement(
                      name, variable == null ? Set.of() : Set.of(variable), Set.of(name)));
        }
      }
    }
    assertThat(jobs).as("jobs in " + relative(catalog)).isNotEmpty();
    jobs.forEach(
        (name, reads) -> assertThat(reads.arguments()).as("flags of " + name).isNotEmpty());
    return jobs;
  }

  private static final Pattern CONFIGURATION_PROPERTIES =
      Pattern.compile("@ConfigurationProperties\\(\"([a-z0-9.-]+)\"\\)[^{]*?record \\w+\\(");
  private static final Pattern PROPERTY_KEY =
      Pattern.compile(
          "(?:@Value\\(\"\\$\\{|getProperty\\(\")([a-z][a-z0-9.-]*)|"
              + "\\.bind\\(\\s*\"([a-z][a-z0-9.-]*)\"");
  private static final Pattern VARIABLE_NAME = Pattern.compile("\"(EXCHANGE_[A-Z0-9_]+)\"");
  private static final Pattern KAFKA_SETTING =
      Pattern.compile("(?m)^\\s+[A-Z_]+\\(\\s*\"([a-z-]+)\",");

  /** What a service reads: see the class comment. */
  static Reads serviceReads(String service) throws IOException {
    Set<String> variables = new LinkedHashSet<>();
    Set<String> prefixes = new LinkedHashSet<>();
    List<Requirement> required = new ArrayList<>();
    for (String module : modulesOf(service)) {
      Path sources = ROOT.resolve(module).resolve("src/main/java");
      for (Path file : javaFiles(sources)) {
        String source = Files.readString(file);
        Matcher properties = CONFIGURATION_PROPERTIES.matcher(source);
        while (properties.find()) {
          for (String component : recordComponents(source, properties.end())) {
            String property = properties.group(1) + "." + kebab(component);
            variables.add(variable(property));
            prefixes.add(variable(property) + "_");
          }
        }
        Matcher key = PROPERTY_KEY.matcher(source);
        while (key.find()) {
          if (key.group(1) != null) {
            variables.add(variable(key.group(1)));
          } else {
            prefixes.add(variable(key.group(2)) + "_");
          }
        }
        Matcher name = VARIABLE_NAME.matcher(source);
        while (name.find()) {
          variables.add(name.group(1));
        }
        if (file.getFileName().toString().equals("KafkaConnection.java")) {
          Matcher setting = KAFKA_SETTING.matcher(source);
          int found = 0;
          while (setting.find()) {
            variables.add(variable("exchange.kafka." + setting.group(1)));
            found++;
          }
          assertThat(found).as("KafkaConnection's settings in " + relative(file)).isPositive();
        }
      }
    }
    Path application = ROOT.resolve(service).resolve("src/main/resources/application.properties");
    for (String line : Files.readAllLines(application)) {
      int eq = line.indexOf('=');
      if (line.isBlank() || line.startsWith("#") || line.startsWith(" ") || eq < 0) {
        continue;
      }
      String property = line.substring(0, eq).strip();
      variables.add(variable(property));
      if (line.substring(eq + 1).contains("localhost")) {
        required.add(
            new Requirement(
                property + " (packaged for the local stack: " + line.substring(eq + 1) + ")",
                Set.of(variable(property)),
                Set.of()));
      }
    }
    assertThat(required).as("settings of %s that a deployment must give", service).isNotEmpty();
    return new Reads(variables, prefixes, Set.of(), Set.of(), required);
  }

  private static final Pattern MODULE_DEPENDENCY =
      Pattern.compile(
          "<dependency>\\s*<groupId>dev\\.exchange</groupId>\\s*<artifactId>([\\w-]+)</artifactId>"
              + "\\s*(?:<exclusions>.*?</exclusions>\\s*)?</dependency>",
          Pattern.DOTALL);

  /** The module and the modules it depends on at run time (not test-jars or test scope). */
  private static Set<String> modulesOf(String module) throws IOException {
    Set<String> modules = new LinkedHashSet<>();
    modules.add(module);
    Matcher dependency =
        MODULE_DEPENDENCY.matcher(Files.readString(ROOT.resolve(module + "/pom.xml")));
    while (dependency.find()) {
      modules.addAll(modulesOf(dependency.group(1)));
    }
    return modules;
  }

  private static List<Path> javaFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }

  /** The component names of the record header that starts at {@code open} (after its "("). */
  private static List<String> recordComponents(String source, int open) {
    List<String> components = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (int i = open; i < source.length(); i++) {
      char c = source.charAt(i);
      if ((c == ',' || c == ')') && depth == 0) {
        String[] words = current.toString().strip().split("[\\s<>]+");
        if (!current.toString().isBlank()) {
          components.add(words[words.length - 1]);
        }
        current.setLength(0);
        if (c == ')') {
          return components;
        }
        continue;
      }
      if (c == '(' || c == '<') {
        depth++;
      } else if (c == ')' || c == '>') {
        depth--;
      }
      current.append(c);
    }
    throw new IllegalStateException("unterminated record header");
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static String relative(Path path) {
    return ROOT.relativize(path).toString().replace('\\', '/');
  }

  /**
   * Just enough of HCL's literal syntax: an object becomes a map (keys unquoted), a tuple a list,
   * anything else the expression's text.
   */
  static final class Literal {

    private final String s;
    private int pos;

    private Literal(String s) {
      this.s = s;
    }

    static Object parse(String expression) {
      return new Literal(expression.strip()).value();
    }

    private Object value() {
      skip();
      char c = s.charAt(pos);
      if (c == '{') {
        return object();
      }
      if (c == '[') {
        return tuple();
      }
      int start = pos;
      int depth = 0;
      while (pos < s.length()) {
        char d = s.charAt(pos);
        if (d == '"') {
          string();
          continue;
        }
        if (depth == 0 && (d == ',' || d == '\n' || d == '}' || d == ']' || d == '#')) {
          break;
        }
        if (d == '(' || d == '[' || d == '{') {
          depth++;
        } else if (d == ')' || d == ']' || d == '}') {
          depth--;
        }
        pos++;
      }
      return s.substring(start, pos).strip();
    }

    private Map<String, Object> object() {
      Map<String, Object> map = new LinkedHashMap<>();
      pos++;
      while (true) {
        skip();
        if (s.charAt(pos) == '}') {
          pos++;
          return map;
        }
        String key;
        if (s.charAt(pos) == '"') {
          int start = pos;
          string();
          key = s.substring(start + 1, pos - 1);
        } else {
          int start = pos;
          while (Character.isLetterOrDigit(s.charAt(pos)) || "_-".indexOf(s.charAt(pos)) >= 0) {
            pos++;
          }
          key = s.substring(start, pos);
        }
        skip();
        pos++; // = or :
        map.put(key, value());
      }
    }

    private List<Object> tuple() {
      List<Object> list = new ArrayList<>();
      pos++;
      while (true) {
        skip();
        if (s.charAt(pos) == ']') {
          pos++;
          return list;
        }
        list.add(value());
      }
    }

    private void string() {
      pos++;
      while (s.charAt(pos) != '"') {
        pos += s.charAt(pos) == '\\' ? 2 : 1;
      }
      pos++;
    }

    /** Whitespace, separating commas and comments. */
    private void skip() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (Character.isWhitespace(c) || c == ',') {
          pos++;
        } else if (c == '#' || s.startsWith("//", pos)) {
          while (pos < s.length() && s.charAt(pos) != '\n') {
            pos++;
          }
        } else {
          return;
        }
      }
    }
  }
}
