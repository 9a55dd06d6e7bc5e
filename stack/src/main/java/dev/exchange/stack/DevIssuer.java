package dev.exchange.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The dev shortcut to tokens, for scripts and tests: the RSA key pair kept in {@code <data>/keys}
 * (made on first start), which the local OpenID provider ({@code identity}) signs with too, and
 * RS256 JWTs exactly like that provider's access tokens: {@code iss} = the provider's issuer,
 * {@code aud} = {@link #AUDIENCE}, {@code sub} = account, {@code exp}, and the exchange roles in
 * {@link #ROLES_CLAIM}. {@code POST /dev/token} {"account","admin"} serves them to the e2e browser
 * test's sign-in path. The services trust the key through {@code exchange.security.public-key}.
 *
 * <p>A sign-in through {@code POST /dev/token} also runs the {@linkplain #onSignIn sign-in hook}
 * (the stack grants the account its starter balance there); {@link #token} alone grants nothing.
 */
public final class DevIssuer implements AutoCloseable {

  public static final String AUDIENCE = "exchange";
  public static final String ROLES_CLAIM = "exchange_roles";
  public static final Duration VALIDITY = Duration.ofHours(12);

  private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String issuer;
  private HttpServer server;
  private int port;
  private volatile Consumer<String> signIn = account -> {};

  private DevIssuer(KeyPair keys, String issuer) {
    this.privateKey = keys.getPrivate();
    this.publicKey = keys.getPublic();
    this.issuer = issuer;
  }

  /** The private key file (PKCS#8 PEM) in {@code keyDir}. */
  public static Path privateKeyFile(Path keyDir) {
    return keyDir.resolve("dev-issuer-private.pem");
  }

  /** The public key file (X.509 PEM) in {@code keyDir}. */
  public static Path publicKeyFile(Path keyDir) {
    return keyDir.resolve("dev-issuer-public.pem");
  }

  /**
   * Loads the key pair from {@code keyDir}, creating it on first use; tokens name {@code issuer}.
   */
  public static DevIssuer load(Path keyDir, String issuer) {
    Path privatePem = privateKeyFile(keyDir);
    Path publicPem = publicKeyFile(keyDir);
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      if (Files.exists(privatePem) && Files.exists(publicPem)) {
        PrivateKey priv =
            rsa.generatePrivate(new PKCS8EncodedKeySpec(readPem(privatePem, "PRIVATE KEY")));
        PublicKey pub =
            rsa.generatePublic(new X509EncodedKeySpec(readPem(publicPem, "PUBLIC KEY")));
        return new DevIssuer(new KeyPair(pub, priv), issuer);
      }
      Files.createDirectories(keyDir);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair keys = generator.generateKeyPair();
      Files.writeString(privatePem, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
      Files.writeString(publicPem, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
      return new DevIssuer(keys, issuer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the dev issuer key from " + keyDir, e);
    }
  }

  /** The public key in PEM, for {@code exchange.security.public-key}. */
  public String publicKeyPem() {
    return pem("PUBLIC KEY", publicKey.getEncoded());
  }

  /** A bearer token for {@code account}: roles trader, plus admin if asked. */
  public String token(String account, boolean admin) {
    if (account == null || !ACCOUNT.matcher(account).matches()) {
      throw new IllegalArgumentException(
          "account must be 1 to 64 of [A-Za-z0-9._@-], was "
              + (account == null ? "missing" : '"' + account + '"'));
    }
    Instant now = Instant.now();
    ObjectNode header =
        JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", "dev");
    ObjectNode claims =
        JSON.createObjectNode()
            .put("iss", issuer)
            .put("aud", AUDIENCE)
            .put("sub", account)
            .put("iat", now.getEpochSecond())
            .put("exp", now.plus(VALIDITY).getEpochSecond());
    var roles = claims.putArray(ROLES_CLAIM);
    (admin ? List.of("trader", "admin") : List.of("trader")).forEach(roles::add);
    try {
      String signingInput =
          b64(JSON.writeValueAsBytes(header)) + "." + b64(JSON.writeValueAsBytes(claims));
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(privateKey);
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64(rs256.sign());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What a sign-in through {@code POST /dev/token} does for the account before its token is
   * answered. If it throws, the sign-in answers 503 and may be retried, so it must be idempotent.
   */
  public void onSignIn(Consumer<String> hook) {
    this.signIn = hook;
  }

  /** Serves {@code POST /dev/token} on localhost:{@code port}. */
  public synchronized void serve(int port) {
    this.port = port;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("dev issuer cannot listen on port " + port, e);
    }
    server.createContext("/dev/token", this::handleToken);
    server.createContext("/dev/registered", this::handleRegistered);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
  }

  /** Why the issuer does not serve (it was stopped), or empty while it serves. */
  synchronized Optional<String> downReason() {
    return server == null ? Optional.of("the dev issuer does not serve") : Optional.empty();
  }

  /** Serves again on the port it served before. */
  synchronized void restart() {
    close();
    serve(port);
  }

  private void handleToken(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(
            exchange,
            405,
            error("use POST /dev/token with {\"account\":\"alice\",\"admin\":false}"));
        return;
      }
      JsonNode body;
      try {
        body = JSON.readTree(exchange.getRequestBody());
      } catch (IOException e) {
        respond(exchange, 400, error("body is not JSON: " + e.getMessage()));
        return;
      }
      if (body == null || !body.isObject() || !body.path("account").isTextual()) {
        respond(exchange, 400, error("body must be {\"account\":\"<name>\",\"admin\":true|false}"));
        return;
      }
      JsonNode admin = body.path("admin");
      if (!admin.isMissingNode() && !admin.isBoolean()) {
        respond(exchange, 400, error("admin must be true or false"));
        return;
      }
      String account = body.get("account").asText();
      String token;
      try {
        token = token(account, admin.asBoolean(false));
      } catch (IllegalArgumentException e) {
        respond(exchange, 400, error(e.getMessage()));
        return;
      }
      try {
        signIn.accept(account);
      } catch (RuntimeException e) {
        respond(
            exchange,
            503,
            JSON.createObjectNode()
                .put("error", "temporarily_unavailable")
                .put("error_description", "signing in " + account + " failed: " + e.getMessage()));
        return;
      }
      ObjectNode answer =
          JSON.createObjectNode()
              .put("access_token", token)
              .put("token_type", "Bearer")
              .put("expires_in", VALIDITY.toSeconds());
      respond(exchange, 200, answer);
    }
  }

  /**
   * {@code POST /dev/registered} {"account"}: the local OpenID provider reports a new account,
   * which then gets what a dev sign-in gets (the sign-in hook: the starter balance). 204, or 503
   * when the hook failed.
   */
  private void handleRegistered(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body;
      try {
        body =
            "POST".equals(exchange.getRequestMethod())
                ? JSON.readTree(exchange.getRequestBody())
                : null;
      } catch (IOException e) {
        body = null;
      }
      String account = body == null ? null : body.path("account").asText(null);
      if (account == null || !ACCOUNT.matcher(account).matches()) {
        respond(exchange, 400, error("use POST /dev/registered with {\"account\":\"<name>\"}"));
        return;
      }
      try {
        signIn.accept(account);
      } catch (RuntimeException e) {
        respond(exchange, 503, error("funding " + account + " failed: " + e.getMessage()));
        return;
      }
      exchange.sendResponseHeaders(204, -1);
    }
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode()
        .put("error", "invalid_request")
        .put("error_description", message);
  }

  private static void respond(HttpExchange exchange, int status, ObjectNode body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
      server = null;
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] readPem(Path file, String type) throws IOException {
    String text = Files.readString(file);
    String body =
        text.replace("-----BEGIN " + type + "-----", "")
            .replace("-----END " + type + "-----", "")
            .replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }
}
