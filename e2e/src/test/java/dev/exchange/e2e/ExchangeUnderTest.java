package dev.exchange.e2e;

import dev.exchange.stack.LocalStack;
import dev.exchange.stack.StackOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link RunningExchange}: by default a {@link LocalStack} on free ports, started
 * once per test run (fresh data under {@code e2e/target/stack}, no market simulator) and stopped
 * when the run ends. With {@code -Dexchange.e2e.base-url=http://localhost:8080} the tests run
 * against an exchange that is already up (e.g. {@code ./exchange up}) instead, and nothing is
 * started or stopped.
 */
public final class ExchangeUnderTest implements ParameterResolver {

  /**
   * The origin of an exchange (web app, REST and WebSockets on one port) and, when the tests
   * started it, the data folder of its local stack.
   */
  public record RunningExchange(URI baseUrl, Optional<Path> dataDir) {}

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ExchangeUnderTest.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RunningExchange.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    String external = System.getProperty("exchange.e2e.base-url", "").trim();
    if (!external.isEmpty()) {
      return new RunningExchange(URI.create(external), Optional.empty());
    }
    Shared shared =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(Shared.class, type -> Shared.start(), Shared.class);
    return new RunningExchange(
        URI.create(shared.stack().baseUrl()), Optional.of(shared.stack().dataDir()));
  }

  /** Closed by JUnit at the end of the run; the shutdown hook covers an aborted JVM. */
  private record Shared(LocalStack stack, Thread hook) implements AutoCloseable {

    static Shared start() {
      Path project = Path.of(System.getProperty("exchange.e2e.project-dir", "..")).toAbsolutePath();
      Path data = project.resolve("e2e/target/stack").normalize();
      LocalStack stack = LocalStack.start(StackOptions.forTests(project.normalize(), data));
      Thread hook = new Thread(stack::close, "stop-local-stack");
      Runtime.getRuntime().addShutdownHook(hook);
      return new Shared(stack, hook);
    }

    @Override
    public void close() {
      stack.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Already shutting down: the hook runs the same close.
      }
    }
  }
}
