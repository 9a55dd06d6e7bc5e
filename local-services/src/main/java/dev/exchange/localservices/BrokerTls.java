package dev.exchange.localservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TLS material of a broker's SASL_SSL listener, made with the JDK's {@code keytool} on the
 * first start and kept under {@code <broker dir>/tls}: a self-signed certificate authority ({@code
 * ca.pem}, what clients trust as a PEM trust store) and the broker's PKCS12 key store, its
 * certificate signed by that authority for {@code localhost} and {@code 127.0.0.1} so that clients
 * keep host name verification on (docs/local-services.md, "Kafka with SASL_SSL and SCRAM").
 */
final class BrokerTls {

  private final Path dir;
  private final String storePassword;

  private BrokerTls(Path dir, String storePassword) {
    this.dir = dir;
    this.storePassword = storePassword;
  }

  /** The material under {@code dir}, made with {@code storePassword} unless it exists. */
  static BrokerTls ensure(Path dir, String storePassword) {
    BrokerTls tls = new BrokerTls(dir, storePassword);
    if (!Files.exists(tls.keyStore()) || !Files.exists(tls.caPem())) {
      tls.generate();
    }
    return tls;
  }

  Path caPem() {
    return dir.resolve("ca.pem");
  }

  Path keyStore() {
    return dir.resolve("broker.p12");
  }

  String storePassword() {
    return storePassword;
  }

  private void generate() {
    try {
      Files.createDirectories(dir);
      for (String file : List.of("ca.p12", "ca.pem", "broker.p12", "broker.csr", "broker.pem")) {
        Files.deleteIfExists(dir.resolve(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String ca = dir.resolve("ca.p12").toString();
    String broker = keyStore().toString();
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-dname",
        "CN=exchange local Kafka CA",
        "-ext",
        "bc:c",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-validity",
        "3650",
        "-keystore",
        ca);
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-file", caPem().toString());
    keytool(
        "-genkeypair",
        "-alias",
        "broker",
        "-dname",
        "CN=localhost",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-validity",
        "3650",
        "-keystore",
        broker);
    String csr = dir.resolve("broker.csr").toString();
    String cert = dir.resolve("broker.pem").toString();
    keytool("-certreq", "-alias", "broker", "-keystore", broker, "-file", csr);
    keytool(
        "-gencert",
        "-alias",
        "ca",
        "-keystore",
        ca,
        "-infile",
        csr,
        "-outfile",
        cert,
        "-rfc",
        "-validity",
        "3650",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1");
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        caPem().toString(),
        "-keystore",
        broker);
    keytool("-importcert", "-alias", "broker", "-file", cert, "-keystore", broker);
  }

  private void keytool(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", storePassword));
    Path log = dir.resolve("keytool.log");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("keytool " + args[0] + " failed; see " + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
