package dev.exchange.localservices;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests real services as parameters: {@link KafkaBroker}, {@link
 * PostgresServer}, {@link S3Server}. Each is started once per test run, on first use, shared by all
 * test classes of the run, and shut down when the run ends (also when tests fail). Files and logs
 * live under {@code target/local-services/<service>-<id>}.
 *
 * <pre>{@code
 * @ExtendWith(LocalServicesExtension.class)
 * class MyIT {
 *   @Test void works(KafkaBroker kafka) { ... }
 * }
 * }</pre>
 */
public final class LocalServicesExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalServicesExtension.class);

  private static final Map<Class<?>, Function<Path, AutoCloseable>> STARTERS =
      Map.of(
          KafkaBroker.class,
          dir -> {
            KafkaBroker broker = KafkaBroker.start(dir);
            broker.createExchangeTopics(4);
            return broker;
          },
          PostgresServer.class,
          PostgresServer::start,
          S3Server.class,
          S3Server::start);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return STARTERS.containsKey(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return get(context, parameter.getParameter().getType());
  }

  /** The shared instance of a service, started on first call. */
  public static <T> T get(ExtensionContext context, Class<T> type) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    Shared shared = store.getOrComputeIfAbsent(type, t -> start(type), Shared.class);
    return type.cast(shared.service());
  }

  private static Shared start(Class<?> type) {
    String name = type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    Path dir =
        Path.of(
                "target",
                "local-services",
                name + "-" + UUID.randomUUID().toString().substring(0, 8))
            .toAbsolutePath();
    AutoCloseable service = STARTERS.get(type).apply(dir);
    Thread hook = new Thread(() -> closeQuietly(service), "stop-" + name);
    Runtime.getRuntime().addShutdownHook(hook);
    return new Shared(service, hook);
  }

  private static void closeQuietly(AutoCloseable service) {
    try {
      service.close();
    } catch (Exception e) {
      System.err.println("failed to stop " + service + ": " + e);
    }
  }

  /** Closed by JUnit at the end of the run; the shutdown hook covers an aborted JVM. */
  private record Shared(AutoCloseable service, Thread hook) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      service.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Already shutting down: the hook runs the same close, which is idempotent.
      }
    }
  }
}
