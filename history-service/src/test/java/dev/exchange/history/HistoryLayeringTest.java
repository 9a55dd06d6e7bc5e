package dev.exchange.history;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The service's share of the layering rules (the conventions module cannot see classes inside a
 * Spring Boot jar): money is exact (no floating point), and a service imports no job or
 * test-support code.
 */
class HistoryLayeringTest {

  private static final JavaClasses HISTORY =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.exchange.history");

  @Test
  void noFloatingPointFields() {
    noFields()
        .should()
        .haveRawType(double.class)
        .orShould()
        .haveRawType(float.class)
        .orShould()
        .haveRawType(Double.class)
        .orShould()
        .haveRawType(Float.class)
        .check(HISTORY);
  }

  @Test
  void noFloatingPointReturnTypes() {
    noMethods()
        .should()
        .haveRawReturnType(double.class)
        .orShould()
        .haveRawReturnType(float.class)
        .orShould()
        .haveRawReturnType(Double.class)
        .orShould()
        .haveRawReturnType(Float.class)
        .check(HISTORY);
  }

  @Test
  void importsNoJobOrTestSupportCode() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.exchange.jobs..",
            "dev.exchange.matching..",
            "org.apache.flink..",
            "dev.exchange.localservices..",
            "dev.exchange.localstack..",
            "dev.exchange.lakehouse.testing..")
        .check(HISTORY);
  }
}
