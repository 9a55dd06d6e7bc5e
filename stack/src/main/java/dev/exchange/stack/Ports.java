package dev.exchange.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Every port the stack listens on. {@link #defaults()} are the fixed, documented ports of {@code
 * ./exchange up} (proxy 8080, Flink dashboard 8081); {@link #free()} picks free ports so tests can
 * run a stack beside anything else on the machine.
 */
public record Ports(
    int proxy,
    int flinkRest,
    int flinkRpc,
    int flinkJobManagerMetrics,
    int flinkTaskManagerMetrics,
    int kafka,
    int kafkaController,
    int postgres,
    int s3,
    int edgeApi,
    int edgeApiManagement,
    int wsRelay,
    int wsRelayManagement,
    int history,
    int historyManagement,
    int issuer,
    int identity,
    int identityManagement,
    int alertDelivery,
    int alertDeliveryManagement) {

  /** The fixed ports of the local stack (README "Ports"). */
  public static Ports defaults() {
    return new Ports(
        8080, 8081, 16123, 18130, 18131, 19092, 19093, 15432, 19000, 18080, 18081, 18090, 18091,
        18100, 18101, 18110, 18120, 18121, 18140, 18141);
  }

  /** Ports that were free a moment ago, for tests. */
  public static Ports free() {
    return new Ports(
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort());
  }

  /** Fails with the component's name when one of the ports is taken. */
  public void requireFree() {
    java.util.Map<String, Integer> named = new java.util.LinkedHashMap<>();
    named.put("reverse proxy", proxy);
    named.put("Flink dashboard/REST", flinkRest);
    named.put("Flink RPC", flinkRpc);
    named.put("Flink JobManager metrics", flinkJobManagerMetrics);
    named.put("Flink TaskManager metrics", flinkTaskManagerMetrics);
    named.put("Kafka", kafka);
    named.put("Kafka controller", kafkaController);
    named.put("PostgreSQL", postgres);
    named.put("S3 server", s3);
    named.put("edge-api", edgeApi);
    named.put("edge-api management", edgeApiManagement);
    named.put("ws-relay", wsRelay);
    named.put("ws-relay management", wsRelayManagement);
    named.put("history-service", history);
    named.put("history-service management", historyManagement);
    named.put("dev token issuer", issuer);
    named.put("identity provider", identity);
    named.put("identity provider management", identityManagement);
    named.put("alert-delivery", alertDelivery);
    named.put("alert-delivery management", alertDeliveryManagement);
    for (var e : named.entrySet()) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new java.net.InetSocketAddress(e.getValue()));
      } catch (IOException taken) {
        throw new IllegalStateException(
            "port "
                + e.getValue()
                + " ("
                + e.getKey()
                + ") is in use by another program; stop it, or start with --free-ports");
      }
    }
  }

  /**
   * The same ports with the proxy and Flink dashboard moved, for {@code --proxy-port/--flink-port}.
   */
  public Ports withProxyAndFlink(int proxyPort, int flinkRestPort) {
    return new Ports(
        proxyPort,
        flinkRestPort,
        flinkRpc,
        flinkJobManagerMetrics,
        flinkTaskManagerMetrics,
        kafka,
        kafkaController,
        postgres,
        s3,
        edgeApi,
        edgeApiManagement,
        wsRelay,
        wsRelayManagement,
        history,
        historyManagement,
        issuer,
        identity,
        identityManagement,
        alertDelivery,
        alertDeliveryManagement);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
