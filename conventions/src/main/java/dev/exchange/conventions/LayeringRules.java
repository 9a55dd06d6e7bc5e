package dev.exchange.conventions;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The layering rules of the whole codebase, in one place (docs/architecture.md, "Layering").
 *
 * <p>Every Java module with production code has one small test that calls {@link #checkModuleOf}
 * with one of its own classes, so each module's build checks its own classes against every rule;
 * the conventions module's tests prove that each rule fails on a violation and that every module
 * has that test. A rule about a part that a module does not contain matches nothing there, which is
 * allowed.
 */
public final class LayeringRules {

  private static final String MODEL = "dev.exchange.model..";
  private static final String ORDER_BOOK = "dev.exchange.matching..";
  private static final String ACCOUNTS = "dev.exchange.accounts..";
  private static final String LAKEHOUSE = "dev.exchange.lakehouse..";
  private static final String JOBS = "dev.exchange.jobs..";
  private static final String FLINK_METRICS = "dev.exchange.flinkmetrics..";
  private static final String SERVICE_SUPPORT = "dev.exchange.service..";
  private static final String EDGE = "dev.exchange.edge..";
  private static final String RELAY = "dev.exchange.relay..";
  private static final String HISTORY = "dev.exchange.history..";
  private static final String DELIVERY = "dev.exchange.delivery..";
  private static final String IDENTITY = "dev.exchange.identity..";
  private static final String LOCAL_SERVICES = "dev.exchange.localservices..";
  private static final String STACK = "dev.exchange.stack..";
  private static final String BENCH = "dev.exchange.bench..";
  private static final String CONVENTIONS = "dev.exchange.conventions..";

  /** The services (the local OpenID provider among them); each is deployed on its own. */
  private static final List<String> SERVICES = List.of(EDGE, RELAY, HISTORY, DELIVERY, IDENTITY);

  private static final String OUR_CODE = "dev.exchange..";
  private static final String FLINK = "org.apache.flink..";
  private static final String[] FRAMEWORKS = {
    FLINK, "org.springframework..", "org.apache.kafka..", "org.apache.iceberg.."
  };

  /** Every package of production code belongs to one of the parts these rules know. */
  public static final ArchRule EVERY_CLASS_HAS_A_PLACE =
      classes()
          .should()
          .resideInAnyPackage(
              MODEL,
              ORDER_BOOK,
              ACCOUNTS,
              LAKEHOUSE,
              JOBS,
              FLINK_METRICS,
              SERVICE_SUPPORT,
              EDGE,
              RELAY,
              HISTORY,
              DELIVERY,
              IDENTITY,
              LOCAL_SERVICES,
              STACK,
              BENCH,
              CONVENTIONS)
          .because("a new module or top-level package is given its place in LayeringRules first");

  /** The model (schemas, value types, validation) depends on no framework and no other module. */
  public static final ArchRule MODEL_IS_SELF_CONTAINED =
      noClasses()
          .that()
          .resideInAPackage(MODEL)
          .should()
          .dependOnClassesThat(frameworkOrModuleOtherThan(FRAMEWORKS, MODEL))
          .because("every module, the Flink-free order book included, depends on the model");

  /** The order book core depends on the model only: no Flink, Spring, Kafka or Iceberg. */
  public static final ArchRule ORDER_BOOK_CORE_IS_FLINK_FREE =
      noClasses()
          .that()
          .resideInAPackage(ORDER_BOOK)
          .should()
          .dependOnClassesThat(frameworkOrModuleOtherThan(FRAMEWORKS, ORDER_BOOK, MODEL))
          .because(
              "the order book is tested and benchmarked without Flink; the matching job wraps it");

  /** The accounts engine depends on the model only: no Flink, Spring, Kafka or Iceberg. */
  public static final ArchRule ACCOUNTS_CORE_IS_FLINK_FREE =
      noClasses()
          .that()
          .resideInAPackage(ACCOUNTS)
          .should()
          .dependOnClassesThat(frameworkOrModuleOtherThan(FRAMEWORKS, ACCOUNTS, MODEL))
          .because(
              "the accounts engine is tested and benchmarked without Flink; the accounts job wraps"
                  + " it");

  /** The Iceberg cold tier depends on the model only, and on no Flink. */
  public static final ArchRule LAKEHOUSE_IS_FLINK_FREE =
      noClasses()
          .that()
          .resideInAPackage(LAKEHOUSE)
          .should()
          .dependOnClassesThat(frameworkOrModuleOtherThan(new String[] {FLINK}, LAKEHOUSE, MODEL))
          .because("history-service reads the cold tier with it, without Flink");

  /**
   * The Flink jobs build on the model, the order book and the lakehouse only: no service, no
   * Spring, nothing of the local stack or its servers.
   */
  public static final ArchRule JOBS_USE_ONLY_MODEL_ORDER_BOOK_AND_LAKEHOUSE =
      noClasses()
          .that()
          .resideInAPackage(JOBS)
          .should()
          .dependOnClassesThat(
              frameworkOrModuleOtherThan(
                  new String[] {"org.springframework.."},
                  JOBS,
                  MODEL,
                  ORDER_BOOK,
                  ACCOUNTS,
                  LAKEHOUSE))
          .because("the jobs' jar is deployed to Flink without the services");

  /**
   * The services and what they share (service-support) import no job code, no order book, no Flink
   * and nothing of the local stack or its servers.
   */
  public static final ArchRule SERVICES_IMPORT_NO_JOB_CODE =
      noClasses()
          .that()
          .resideInAnyPackage(EDGE, RELAY, HISTORY, DELIVERY, SERVICE_SUPPORT)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(JOBS, ORDER_BOOK, ACCOUNTS, FLINK, STACK, LOCAL_SERVICES)
          .because(
              "a service talks to the jobs through Kafka topics and tables only, and is deployed"
                  + " without the jobs or the local stack");

  /** No service imports another service; service-support imports none of them. */
  public static final ArchRule SERVICES_DO_NOT_IMPORT_EACH_OTHER =
      classes()
          .that()
          .resideInAnyPackage(EDGE, RELAY, HISTORY, DELIVERY, SERVICE_SUPPORT)
          .should(dependOnNoOtherService())
          .because(
              "each service is built, deployed and scaled on its own; what two services share goes"
                  + " to service-support or the model");

  /** Nothing but the stack itself imports the stack. */
  public static final ArchRule NOTHING_IMPORTS_THE_STACK =
      noClasses()
          .that()
          .resideOutsideOfPackage(STACK)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(STACK)
          .because("the stack only launches the built jars; nothing that is deployed may need it");

  /** Only the tools (the stack, the load tools in bench) start the local servers. */
  public static final ArchRule ONLY_TOOLS_START_LOCAL_SERVICES =
      noClasses()
          .that()
          .resideOutsideOfPackages(LOCAL_SERVICES, STACK, BENCH)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(LOCAL_SERVICES)
          .because("deployed code gets its Kafka, PostgreSQL and S3 from configuration");

  /** Production code imports no test support (the {@code testing} packages of the test-jars). */
  public static final ArchRule NO_TEST_SUPPORT_IN_PRODUCTION =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.exchange..testing..")
          .because("test support ships in test-jars, which are not on a deployed classpath");

  /**
   * history-service is layered top to bottom: the API surface (its own REST API, the
   * Binance-compatible endpoints, security), the features (klines, trades, orders, accounts,
   * instruments), the storage tiers (hot PostgreSQL, cold Iceberg, the boundary between them), the
   * rows both tiers return, and the service's settings and helpers ({@code system}). A layer uses
   * only the layers below it; {@code system} is used by all and uses none.
   */
  public static final ArchRule HISTORY_SERVICE_IS_LAYERED =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .withOptionalLayers(true)
          .layer("API")
          .definedBy(
              "dev.exchange.history.api..",
              "dev.exchange.history.binance..",
              "dev.exchange.history.security..")
          .layer("Features")
          .definedBy(
              "dev.exchange.history.klines..",
              "dev.exchange.history.trades..",
              "dev.exchange.history.orders..",
              "dev.exchange.history.accounts..",
              "dev.exchange.history.instruments..")
          .layer("Tiers")
          .definedBy("dev.exchange.history.tiers..")
          .layer("Rows")
          .definedBy("dev.exchange.history.rows..")
          .layer("System")
          .definedBy("dev.exchange.history.system..")
          .whereLayer("API")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Features")
          .mayOnlyBeAccessedByLayers("API")
          .whereLayer("Tiers")
          .mayOnlyBeAccessedByLayers("Features")
          .whereLayer("Rows")
          .mayOnlyBeAccessedByLayers("API", "Features", "Tiers")
          .because(
              "a feature owns its queries over the tiers, the tiers return plain rows, and the API"
                  + " only shapes what the features answer");

  /** No cycle between the packages of history-service. */
  public static final ArchRule HISTORY_SERVICE_PACKAGES_ARE_FREE_OF_CYCLES =
      slices()
          .matching("dev.exchange.history.(*)..")
          .should()
          .beFreeOfCycles()
          .because("each package of history-service can be read and changed from the bottom up");

  private static final String[] MONEY_CODE = {
    MODEL, ORDER_BOOK, ACCOUNTS, LAKEHOUSE, JOBS, SERVICE_SUPPORT, EDGE, RELAY, HISTORY, DELIVERY
  };

  /** No field of a floating-point type in code that handles money. */
  public static final ArchRule NO_FLOATING_POINT_FIELDS =
      noFields()
          .that()
          .areDeclaredInClassesThat()
          .resideInAnyPackage(MONEY_CODE)
          .should()
          .haveRawType(double.class)
          .orShould()
          .haveRawType(float.class)
          .orShould()
          .haveRawType(Double.class)
          .orShould()
          .haveRawType(Float.class)
          .because("money is a fixed-point long; decimals cross the API as strings");

  /** No method returning a floating-point type in code that handles money. */
  public static final ArchRule NO_FLOATING_POINT_RETURN_TYPES =
      noMethods()
          .that()
          .areDeclaredInClassesThat()
          .resideInAnyPackage(MONEY_CODE)
          .should()
          .haveRawReturnType(double.class)
          .orShould()
          .haveRawReturnType(float.class)
          .orShould()
          .haveRawReturnType(Double.class)
          .orShould()
          .haveRawReturnType(Float.class)
          .because("money is a fixed-point long; decimals cross the API as strings");

  /** Every rule, in the order above. */
  public static final List<ArchRule> ALL =
      List.of(
          EVERY_CLASS_HAS_A_PLACE,
          MODEL_IS_SELF_CONTAINED,
          ORDER_BOOK_CORE_IS_FLINK_FREE,
          ACCOUNTS_CORE_IS_FLINK_FREE,
          LAKEHOUSE_IS_FLINK_FREE,
          JOBS_USE_ONLY_MODEL_ORDER_BOOK_AND_LAKEHOUSE,
          SERVICES_IMPORT_NO_JOB_CODE,
          SERVICES_DO_NOT_IMPORT_EACH_OTHER,
          NOTHING_IMPORTS_THE_STACK,
          ONLY_TOOLS_START_LOCAL_SERVICES,
          NO_TEST_SUPPORT_IN_PRODUCTION,
          HISTORY_SERVICE_IS_LAYERED,
          HISTORY_SERVICE_PACKAGES_ARE_FREE_OF_CYCLES,
          NO_FLOATING_POINT_FIELDS,
          NO_FLOATING_POINT_RETURN_TYPES);

  private LayeringRules() {}

  /**
   * Checks the production classes of the module that holds {@code anyProductionClass} (its {@code
   * target/classes} when called from the module's own tests) against every rule, and reports every
   * violation of every rule at once.
   *
   * @throws AssertionError naming each violated rule and each offending dependency or member
   */
  public static void checkModuleOf(Class<?> anyProductionClass) {
    check(productionClassesOf(anyProductionClass));
  }

  /**
   * Checks {@code classes} against every rule, reporting every violation of every broken rule at
   * once.
   *
   * @throws AssertionError with the report of each broken rule
   */
  public static void check(JavaClasses classes) {
    List<String> reports = new ArrayList<>();
    for (ArchRule rule : ALL) {
      EvaluationResult result = rule.allowEmptyShould(true).evaluate(classes);
      if (result.hasViolation()) {
        reports.add(result.getFailureReport().toString());
      }
    }
    if (!reports.isEmpty()) {
      throw new AssertionError(
          "Layering rules broken (docs/architecture.md, \"Layering\"):\n"
              + String.join("\n", reports));
    }
  }

  /** The classes in the same class path entry (directory or jar) as {@code anyProductionClass}. */
  public static JavaClasses productionClassesOf(Class<?> anyProductionClass) {
    URL location = anyProductionClass.getProtectionDomain().getCodeSource().getLocation();
    JavaClasses classes = new ClassFileImporter().importUrl(location);
    if (!classes.contain(anyProductionClass)) {
      throw new IllegalStateException(
          "importing " + location + " did not yield " + anyProductionClass.getName());
    }
    return classes;
  }

  private static DescribedPredicate<JavaClass> frameworkOrModuleOtherThan(
      String[] frameworks, String... ownParts) {
    return resideInAnyPackage(frameworks)
        .or(resideInAPackage(OUR_CODE).and(resideOutsideOfPackages(ownParts)))
        .as(
            "reside in any package %s or in a module other than %s",
            String.join(", ", frameworks), String.join(", ", ownParts));
  }

  private static ArchCondition<JavaClass> dependOnNoOtherService() {
    return new ArchCondition<>("depend on no other service") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> own = serviceOf(origin);
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          Optional<String> target = serviceOf(dependency.getTargetClass());
          if (target.isPresent() && !target.equals(own)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  private static Optional<String> serviceOf(JavaClass javaClass) {
    return SERVICES.stream()
        .filter(service -> PackageMatcher.of(service).matches(javaClass.getPackageName()))
        .findFirst();
  }
}
