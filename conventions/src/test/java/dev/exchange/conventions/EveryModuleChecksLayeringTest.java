package dev.exchange.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rules hold for every module only if every module checks itself: each module of the
 * root pom with production Java code has a test that calls {@link LayeringRules#checkModuleOf}.
 */
class EveryModuleChecksLayeringTest {

  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final String CALL = "LayeringRules.checkModuleOf(";

  @Test
  void everyModuleWithProductionCodeHasALayeringTest() throws IOException {
    Path root = repositoryRoot();
    List<String> modules = modules(root);
    assertThat(modules).as("modules of the root pom").contains("conventions", "edge-api");

    List<String> withCode =
        modules.stream()
            .filter(m -> Files.isDirectory(root.resolve(m + "/src/main/java")))
            .toList();
    assertThat(withCode).as("modules with production code").hasSizeGreaterThan(5);
    List<String> unchecked =
        withCode.stream().filter(m -> !callsTheRules(root.resolve(m + "/src/test/java"))).toList();
    assertThat(unchecked)
        .as(
            "modules without a test calling %s...) with one of their classes; add one like"
                + " edge-api's LayeringTest and a test dependency on conventions",
            CALL)
        .isEmpty();
  }

  private static List<String> modules(Path root) throws IOException {
    Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
    return m.results().map(r -> r.group(1).trim()).toList();
  }

  private static boolean callsTheRules(Path testSources) {
    if (!Files.isDirectory(testSources)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(testSources)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .anyMatch(EveryModuleChecksLayeringTest::containsTheCall);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean containsTheCall(Path file) {
    try {
      return Files.readString(file).contains(CALL);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        dir != null;
        dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isDirectory(dir.resolve("conventions"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "No directory with pom.xml and conventions/ above " + System.getProperty("user.dir"));
  }
}
