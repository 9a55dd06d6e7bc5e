package dev.exchange.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevIssuerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ISSUER = "http://localhost:18120";

  @TempDir Path dir;

  @Test
  void tokensAreRs256SignedWithTheKeptKeyAndCarryAccountAndRoles() throws Exception {
    DevIssuer first = DevIssuer.load(dir, ISSUER);
    String token = first.token("alice", true);
    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(3);

    DevIssuer reloaded = DevIssuer.load(dir, ISSUER);
    assertThat(reloaded.publicKeyPem()).isEqualTo(first.publicKeyPem());
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(publicKey(Files.readString(dir.resolve("dev-issuer-public.pem"))));
    rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertThat(claims.path("sub").asText()).isEqualTo("alice");
    assertThat(claims.path("iss").asText()).isEqualTo(ISSUER);
    assertThat(claims.path("aud").asText()).isEqualTo("exchange");
    assertThat(claims.path("exchange_roles").toString()).isEqualTo("[\"trader\",\"admin\"]");
    assertThat(claims.has("roles")).isFalse();
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong())
        .isEqualTo(DevIssuer.VALIDITY.toSeconds());
    assertThat(
            JSON.readTree(Base64.getUrlDecoder().decode(first.token("bob", false).split("\\.")[1]))
                .path("exchange_roles")
                .toString())
        .isEqualTo("[\"trader\"]");
  }

  @Test
  void aBadAccountIsRefusedWithTheRule() {
    DevIssuer issuer = DevIssuer.load(dir, ISSUER);
    assertThatThrownBy(() -> issuer.token("bad account!", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("account must be 1 to 64 of [A-Za-z0-9._@-], was \"bad account!\"");
  }

  @Test
  void postDevTokenAnswersAsTheWebAppExpectsAndRefusesBadBodies() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (DevIssuer issuer = DevIssuer.load(dir, ISSUER)) {
      issuer.serve(port);
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> ok = post(http, port, "{\"account\":\"carol\",\"admin\":false}");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("Cache-Control")).hasValue("no-store");
      JsonNode body = JSON.readTree(ok.body());
      assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
      assertThat(body.path("expires_in").asLong()).isEqualTo(DevIssuer.VALIDITY.toSeconds());
      assertThat(body.path("access_token").asText().split("\\.")).hasSize(3);

      HttpResponse<String> noAccount = post(http, port, "{\"admin\":true}");
      assertThat(noAccount.statusCode()).isEqualTo(400);
      assertThat(noAccount.body()).contains("body must be {\\\"account\\\"");
      HttpResponse<String> badAdmin = post(http, port, "{\"account\":\"carol\",\"admin\":\"yes\"}");
      assertThat(badAdmin.statusCode()).isEqualTo(400);
      assertThat(badAdmin.body()).contains("admin must be true or false");
      assertThat(post(http, port, "not json").statusCode()).isEqualTo(400);
    }
  }

  @Test
  void aSignInRunsTheSignInHookForItsAccountButAPlainTokenDoesNot() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> signedIn = new CopyOnWriteArrayList<>();
    try (DevIssuer issuer = DevIssuer.load(dir, ISSUER)) {
      issuer.onSignIn(
          account -> {
            if (account.equals("broke")) {
              throw new IllegalStateException("edge-api answered 503");
            }
            signedIn.add(account);
          });
      issuer.serve(port);
      HttpClient http = HttpClient.newHttpClient();
      issuer.token("cli-user", false);
      assertThat(signedIn).isEmpty();

      assertThat(post(http, port, "{\"account\":\"carol\"}").statusCode()).isEqualTo(200);
      assertThat(post(http, port, "{\"account\":\"carol\"}").statusCode()).isEqualTo(200);
      assertThat(signedIn).containsExactly("carol", "carol");

      assertThat(post(http, port, "{\"account\":\"bad account\"}").statusCode()).isEqualTo(400);
      assertThat(signedIn).containsExactly("carol", "carol");

      HttpResponse<String> failed = post(http, port, "{\"account\":\"broke\"}");
      assertThat(failed.statusCode()).isEqualTo(503);
      assertThat(failed.body()).contains("signing in broke failed: edge-api answered 503");
      assertThat(JSON.readTree(failed.body()).has("access_token")).isFalse();

      assertThat(post(http, port, "/dev/registered", "{\"account\":\"dave\"}").statusCode())
          .as("a registration at the OpenID provider is funded like a sign-in")
          .isEqualTo(204);
      assertThat(signedIn).containsExactly("carol", "carol", "dave");
      assertThat(post(http, port, "/dev/registered", "{\"account\":\"bad account\"}").statusCode())
          .isEqualTo(400);
      assertThat(post(http, port, "/dev/registered", "{\"account\":\"broke\"}").body())
          .contains("funding broke failed: edge-api answered 503");
    }
  }

  private static HttpResponse<String> post(HttpClient http, int port, String body)
      throws Exception {
    return post(http, port, "/dev/token", body);
  }

  private static HttpResponse<String> post(HttpClient http, int port, String path, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static PublicKey publicKey(String pem) throws Exception {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
