package dev.exchange.conventions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.exchange.model.fixture.FloatingPointPrice;
import org.junit.jupiter.api.Test;

/**
 * Layering of the codebase (ARCHITECTURE.md section 2). Rules over packages that a later module
 * introduces allow an empty match until that module exists; each module adds itself to this
 * module's dependencies so its classes are checked.
 *
 * <ul>
 *   <li>{@code dev.exchange.model}: shared schemas and value types; depends on Avro only.
 *   <li>{@code dev.exchange.matching.core}: the order book, Flink-free.
 *   <li>{@code dev.exchange.jobs}: Flink jobs.
 *   <li>{@code dev.exchange.edge}, {@code .relay}, {@code .history}: services, no job code.
 *   <li>{@code dev.exchange.localservices}, {@code .stack}: test and local-run support; no
 *       production code depends on them.
 * </ul>
 */
class LayeringTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.exchange");

  private static final String[] FRAMEWORKS = {
    "org.apache.flink..", "org.springframework..", "org.apache.kafka..", "org.apache.iceberg.."
  };

  @Test
  void modelDependsOnNoFramework() {
    noClasses()
        .that()
        .resideInAPackage("dev.exchange.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FRAMEWORKS)
        .because("every module, including the Flink-free order book, depends on the model")
        .check(CLASSES);
  }

  @Test
  void modelDependsOnNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage("dev.exchange.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.exchange.matching..",
            "dev.exchange.jobs..",
            "dev.exchange.edge..",
            "dev.exchange.relay..",
            "dev.exchange.history..",
            "dev.exchange.localservices..",
            "dev.exchange.stack..")
        .check(CLASSES);
  }

  @Test
  void orderBookCoreIsFlinkFree() {
    noClasses()
        .that()
        .resideInAPackage("dev.exchange.matching.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FRAMEWORKS)
        .allowEmptyShould(true)
        .because("the order book is tested and benchmarked without Flink")
        .check(CLASSES);
  }

  @Test
  void servicesImportNoJobCode() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.exchange.edge..", "dev.exchange.relay..", "dev.exchange.history..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.exchange.jobs..", "dev.exchange.matching..", "org.apache.flink..")
        .allowEmptyShould(true)
        .check(CLASSES);
  }

  @Test
  void nothingImportsTheLocalStack() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.exchange.stack..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.exchange.stack..")
        .check(CLASSES);
  }

  @Test
  void productionCodeDoesNotStartLocalServices() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.exchange.localservices..", "dev.exchange.stack..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.exchange.localservices..")
        .because("real deployments get their Kafka, PostgreSQL and S3 from configuration")
        .check(CLASSES);
  }

  private static final ArchRule NO_FLOATING_POINT_MONEY_FIELDS =
      noFields()
          .that()
          .areDeclaredInClassesThat()
          .resideInAnyPackage(
              "dev.exchange.model..", "dev.exchange.matching..", "dev.exchange.edge..")
          .should()
          .haveRawType(double.class)
          .orShould()
          .haveRawType(float.class)
          .orShould()
          .haveRawType(Double.class)
          .orShould()
          .haveRawType(Float.class)
          .because("money is fixed-point long (ARCHITECTURE.md section 4)");

  @Test
  void noFloatingPointMoneyFields() {
    NO_FLOATING_POINT_MONEY_FIELDS.check(CLASSES);
  }

  @Test
  void theMoneyRuleCatchesADoubleField() {
    JavaClasses offender = new ClassFileImporter().importClasses(FloatingPointPrice.class);
    assertThatThrownBy(() -> NO_FLOATING_POINT_MONEY_FIELDS.check(offender))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("FloatingPointPrice.price");
  }

  @Test
  void theRulesSeeEveryModule() {
    assertThat(CLASSES.containPackage("dev.exchange.model")).isTrue();
    assertThat(CLASSES.containPackage("dev.exchange.localservices")).isTrue();
    assertThat(CLASSES.containPackage("dev.exchange.matching.core")).isTrue();
    assertThat(CLASSES.containPackage("dev.exchange.jobs.matching")).isTrue();
  }

  @Test
  void noFloatingPointMoneyMethods() {
    noMethods()
        .that()
        .areDeclaredInClassesThat()
        .resideInAnyPackage(
            "dev.exchange.model..", "dev.exchange.matching..", "dev.exchange.edge..")
        .should()
        .haveRawReturnType(double.class)
        .orShould()
        .haveRawReturnType(float.class)
        .because("money is fixed-point long (ARCHITECTURE.md section 4)")
        .check(CLASSES);
  }
}
