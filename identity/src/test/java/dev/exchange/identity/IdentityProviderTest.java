package dev.exchange.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.service.security.Rs256JwtDecoder;
import dev.exchange.service.security.SecurityProperties;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider as the web app and the services meet it: a person registers on its page in the
 * middle of an authorization-code + PKCE flow, the code is exchanged for tokens, and the access
 * token passes the services' own decoder (issuer, audience, expiry, exchange roles).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ExtendWith(LocalServicesExtension.class)
class IdentityProviderTest {

  private static final String WEB_APP = "http://localhost:8080";
  private static final String CALLBACK = WEB_APP + "/callback";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  static int port;
  static PostgresServer postgres;
  static String database;
  static Path keys;
  static String publicKeyPem;

  /** The accounts the provider reported to its registered hook. */
  static final List<String> registered = new CopyOnWriteArrayList<>();

  static HttpServer hook;

  @BeforeAll
  static void storage(PostgresServer pg) throws Exception {
    postgres = pg;
    database = "identity_" + Long.toHexString(System.nanoTime());
    pg.createDatabase(database);
    keys = Files.createTempDirectory("identity-keys");
    hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    hook.createContext(
        "/registered",
        exchange -> {
          try (exchange) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            registered.add(JSON.readTree(body).get("account").asString());
            exchange.sendResponseHeaders(204, -1);
          }
        });
    hook.start();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    publicKeyPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
    Files.writeString(keys.resolve("public.pem"), publicKeyPem);
    Files.writeString(
        keys.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
  }

  @AfterAll
  static void stopHook() {
    hook.stop(0);
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    port = freePort();
    registry.add(
        "exchange.identity.registered-hook",
        () -> "http://127.0.0.1:" + hook.getAddress().getPort() + "/registered");
    registry.add("server.port", () -> port);
    registry.add("management.server.port", IdentityProviderTest::freePort);
    registry.add("exchange.identity.issuer", () -> issuer());
    registry.add("exchange.identity.redirect-uris", () -> CALLBACK);
    registry.add("exchange.identity.post-logout-redirect-uris", () -> WEB_APP + "/");
    registry.add("exchange.identity.allowed-origins", () -> WEB_APP);
    registry.add("exchange.identity.admins", () -> "root");
    registry.add("exchange.identity.private-key-file", () -> keys.resolve("private.pem"));
    registry.add("exchange.identity.public-key-file", () -> keys.resolve("public.pem"));
    registry.add("spring.datasource.url", () -> postgres.jdbcUrl(database));
    registry.add("spring.datasource.username", () -> postgres.user());
    registry.add("spring.datasource.password", () -> postgres.password());
  }

  private static String issuer() {
    return "http://localhost:" + port;
  }

  private final HttpClient browser =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Test
  void aPersonRegistersDuringSignInAndTheAccessTokenPassesTheServicesChecks() throws Exception {
    String account = "alice-" + UUID.randomUUID().toString().substring(0, 8);
    Pkce pkce = new Pkce();
    HttpResponse<String> authorize = get(authorizeUrl(pkce, "state-1"));
    assertThat(authorize.statusCode()).isEqualTo(302);
    assertThat(location(authorize)).endsWith("/login");

    HttpResponse<String> registered = registerInBrowser(account, "correct horse");
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(302);
    assertThat(location(registered)).startsWith(issuer() + "/oauth2/authorize");
    assertThat(IdentityProviderTest.registered).contains(account);

    Map<String, JsonNode> tokens = redeem(get(location(registered)), pkce, "state-1");
    Jwt access = servicesDecoder().decode(tokens.get("access_token").asString());
    assertThat(access.getSubject()).isEqualTo(account);
    assertThat(access.getAudience()).containsExactly("exchange");
    assertThat(access.getClaimAsStringList(SecurityProperties.ROLES_CLAIM))
        .containsExactly("trader");
    assertThat(access.getExpiresAt()).isBefore(access.getIssuedAt().plusSeconds(15 * 60 + 1));
    JsonNode idClaims = claims(tokens.get("id_token").asString());
    assertThat(idClaims.get("sub").asString()).isEqualTo(account);
    assertThat(idClaims.get("preferred_username").asString()).isEqualTo(account);
  }

  @Test
  void aRegisteredPersonSignsInOnTheLoginPageAndAnAdminGetsTheAdminRole() throws Exception {
    register("root", "root-password");
    HttpClient fresh =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    Pkce pkce = new Pkce();
    send(fresh, HttpRequest.newBuilder(URI.create(authorizeUrl(pkce, "s2"))).build());
    HttpResponse<String> login =
        send(fresh, HttpRequest.newBuilder(URI.create(issuer() + "/login")).build());
    HttpResponse<String> wrong = logIn(fresh, login, "root", "nope-nope");
    assertThat(location(wrong)).endsWith("/login?error");
    login = send(fresh, HttpRequest.newBuilder(URI.create(issuer() + "/login?error")).build());
    assertThat(login.body()).contains("Wrong account or password.");
    HttpResponse<String> signedIn = logIn(fresh, login, "root", "root-password");
    assertThat(location(signedIn)).startsWith(issuer() + "/oauth2/authorize");
    HttpResponse<String> code =
        send(fresh, HttpRequest.newBuilder(URI.create(location(signedIn))).build());
    Jwt access = servicesDecoder().decode(redeem(code, pkce, "s2").get("access_token").asString());
    assertThat(access.getClaimAsStringList(SecurityProperties.ROLES_CLAIM))
        .containsExactly("admin", "trader");
  }

  @Test
  void silentRenewalGetsANewCodeWithTheProvidersSessionAndLoginRequiredWithout() throws Exception {
    String account = "erin-" + UUID.randomUUID().toString().substring(0, 8);
    Pkce first = new Pkce();
    get(authorizeUrl(first, "s1"));
    HttpResponse<String> registered = registerInBrowser(account, "erin-password");
    redeem(get(location(registered)), first, "s1");

    Pkce renewal = new Pkce();
    Map<String, JsonNode> renewed =
        redeem(get(authorizeUrl(renewal, "s3") + "&prompt=none"), renewal, "s3");
    assertThat(servicesDecoder().decode(renewed.get("access_token").asString()).getSubject())
        .isEqualTo(account);

    HttpClient stranger =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> noSession =
        send(
            stranger,
            HttpRequest.newBuilder(URI.create(authorizeUrl(new Pkce(), "s4") + "&prompt=none"))
                .build());
    assertThat(location(noSession)).startsWith(CALLBACK).contains("error=login_required");
  }

  @Test
  void anAuthorizationRequestWithoutPkceIsRefused() throws Exception {
    register("bob-" + UUID.randomUUID().toString().substring(0, 8), "bob-password");
    String noPkce =
        issuer()
            + "/oauth2/authorize?response_type=code&client_id=exchange-web&scope=openid&state=x"
            + "&redirect_uri="
            + enc(CALLBACK);
    HttpResponse<String> refused = get(noPkce);
    assertThat(location(refused)).startsWith(CALLBACK).contains("error=invalid_request");
  }

  @Test
  void registrationRefusesATakenNameAShortPasswordAndAMismatch() throws Exception {
    String taken = "carol-" + UUID.randomUUID().toString().substring(0, 8);
    register(taken, "carol-password");
    HttpClient other = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    assertThat(registerWith(other, taken, "another-password", "another-password").body())
        .contains("exists already");
    assertThat(registerWith(other, "dave", "short", "short").body())
        .contains("at least 8 characters");
    assertThat(registerWith(other, "dave", "long-enough", "different!").body())
        .contains("The passwords differ.");
    assertThat(registerWith(other, "<script>", "long-enough", "long-enough").body())
        .contains("&lt;script&gt;")
        .doesNotContain("<script>");
  }

  @Test
  void theWebAppMayCallTheTokenEndpointAndDiscoveryFromTheBrowser() throws Exception {
    HttpResponse<String> preflight =
        send(
            browser,
            HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", WEB_APP)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build());
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(WEB_APP);
    JsonNode discovery = JSON.readTree(get(issuer() + "/.well-known/openid-configuration").body());
    assertThat(discovery.get("issuer").asString()).isEqualTo(issuer());
    assertThat(discovery.get("end_session_endpoint").asString())
        .isEqualTo(issuer() + "/connect/logout");
    assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");
  }

  private HttpResponse<String> logIn(
      HttpClient client, HttpResponse<String> loginPage, String username, String password)
      throws Exception {
    return send(
        client,
        form(
            issuer() + "/login",
            Map.of("username", username, "password", password, "_csrf", csrf(loginPage))));
  }

  /** Registers on the provider's page in {@link #browser}, continuing its authorization request. */
  private HttpResponse<String> registerInBrowser(String account, String password) throws Exception {
    HttpResponse<String> form = get(issuer() + "/register");
    assertThat(form.body()).contains("Create an account");
    return post(
        issuer() + "/register",
        Map.of(
            "username", account, "password", password, "confirm", password, "_csrf", csrf(form)));
  }

  private HttpResponse<String> registerWith(
      HttpClient client, String username, String password, String confirm) throws Exception {
    HttpResponse<String> page =
        send(client, HttpRequest.newBuilder(URI.create(issuer() + "/register")).build());
    return send(
        client,
        form(
            issuer() + "/register",
            Map.of(
                "username",
                username,
                "password",
                password,
                "confirm",
                confirm,
                "_csrf",
                csrf(page))));
  }

  private void register(String username, String password) throws Exception {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    assertThat(registerWith(client, username, password, password).statusCode()).isEqualTo(200);
  }

  private Map<String, JsonNode> redeem(HttpResponse<String> callback, Pkce pkce, String state)
      throws Exception {
    assertThat(callback.statusCode()).isEqualTo(302);
    URI redirect = URI.create(location(callback));
    assertThat(redirect.toString()).startsWith(CALLBACK);
    Map<String, String> query = query(redirect);
    assertThat(query).containsEntry("state", state);
    HttpResponse<String> token =
        send(
            browser,
            form(
                issuer() + "/oauth2/token",
                Map.of(
                    "grant_type",
                    "authorization_code",
                    "code",
                    query.get("code"),
                    "redirect_uri",
                    CALLBACK,
                    "client_id",
                    "exchange-web",
                    "code_verifier",
                    pkce.verifier)));
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    JSON.readTree(token.body()).properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
    return fields;
  }

  private static org.springframework.security.oauth2.jwt.JwtDecoder servicesDecoder() {
    return Rs256JwtDecoder.from(
        new SecurityProperties(
            issuer(), "exchange", "aud", null, publicKeyPem, SecurityProperties.ROLES_CLAIM));
  }

  private String authorizeUrl(Pkce pkce, String state) {
    return issuer()
        + "/oauth2/authorize?response_type=code&client_id=exchange-web&scope="
        + enc("openid profile")
        + "&state="
        + state
        + "&redirect_uri="
        + enc(CALLBACK)
        + "&code_challenge="
        + pkce.challenge
        + "&code_challenge_method=S256";
  }

  private HttpResponse<String> get(String url) throws Exception {
    return send(browser, HttpRequest.newBuilder(URI.create(url)).build());
  }

  private HttpResponse<String> post(String url, Map<String, String> fields) throws Exception {
    return send(browser, form(url, fields));
  }

  private static HttpRequest form(String url, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request)
      throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String location(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Location")
        .orElseThrow(
            () ->
                new AssertionError(
                    "no Location: " + response.statusCode() + " " + response.body()));
  }

  private static String csrf(HttpResponse<String> page) {
    Matcher m = CSRF.matcher(page.body());
    assertThat(m.find()).as(page.body()).isTrue();
    return m.group(1);
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          pair.substring(0, eq),
          java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  private static JsonNode claims(String jwt) {
    return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
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

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A PKCE verifier and its S256 challenge. */
  private static final class Pkce {
    final String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
    final String challenge;

    Pkce() throws Exception {
      challenge =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  MessageDigest.getInstance("SHA-256")
                      .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
  }
}
