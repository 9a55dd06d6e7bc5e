package dev.exchange.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the Node scripts under {@code e2e/scripts} as a child process. Its output is copied
 * line by line to {@code System.out} (so it lands in the surefire report of the test) and kept for
 * the assertion message.
 */
final class NodeScript {

  /**
   * What a script did: its exit code (-1 when it was killed for running too long) and its output.
   */
  record Result(int exitCode, String output, Duration took) {
    boolean passed() {
      return exitCode == 0;
    }
  }

  private final Path moduleDir;
  private final String node;

  NodeScript(Path moduleDir, String node) {
    this.moduleDir = moduleDir;
    this.node = node;
  }

  /** The e2e module folder and the node executable from the system properties set by the pom. */
  static NodeScript fromSystemProperties() {
    Path project = Path.of(System.getProperty("exchange.e2e.project-dir", "..")).toAbsolutePath();
    return new NodeScript(
        project.resolve("e2e").normalize(), System.getProperty("exchange.e2e.node", "node"));
  }

  Path moduleDir() {
    return moduleDir;
  }

  Result run(String script, List<String> args, Map<String, String> env, Duration limit)
      throws IOException, InterruptedException {
    Path file = moduleDir.resolve("scripts").resolve(script);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such script: " + file);
    }
    if (!Files.isDirectory(moduleDir.resolve("node_modules"))) {
      throw new IllegalStateException(
          "e2e/node_modules is missing: the build runs `npm ci` in e2e (process-test-resources)");
    }
    List<String> command = new ArrayList<>();
    command.add(node);
    command.add(file.toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(moduleDir.toFile());
    builder.redirectErrorStream(true);
    builder.environment().putAll(env);
    System.out.println("$ " + String.join(" ", command));
    long start = System.nanoTime();
    Process process = builder.start();
    StringBuilder output = new StringBuilder();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  System.out.println(line);
                  synchronized (output) {
                    output.append(line).append('\n');
                  }
                }
              } catch (IOException e) {
                System.out.println("(output of " + script + " lost: " + e + ")");
              }
            },
            "output-" + script);
    pump.start();
    int exit;
    if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      exit = process.exitValue();
    } else {
      System.out.println("(" + script + " ran longer than " + limit + ": killed)");
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      exit = -1;
    }
    pump.join(TimeUnit.SECONDS.toMillis(10));
    synchronized (output) {
      return new Result(exit, output.toString(), Duration.ofNanos(System.nanoTime() - start));
    }
  }
}
