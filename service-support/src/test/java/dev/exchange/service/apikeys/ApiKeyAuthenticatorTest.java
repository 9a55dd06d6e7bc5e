package dev.exchange.service.apikeys;

import static dev.exchange.service.apikeys.SignaturesTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.localservices.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signed requests against keys stored in real PostgreSQL (the {@code db/apikeys} migration): each
 * bad request gets its Binance code, a good one its key.
 */
@ExtendWith(LocalServicesExtension.class)
class ApiKeyAuthenticatorTest {

  static final long NOW = 1_700_000_000_000L;
  static final String CLIENT = "198.51.100.7";
  static final byte[] SECRET = "hmac-secret-of-alice".getBytes(StandardCharsets.UTF_8);
  static final SecretCipher CIPHER =
      SecretCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

  static ApiKeyStore store;
  static ApiKeyAuthenticator authenticator;
  static KeyPair edPair;

  @BeforeAll
  static void keys(PostgresServer pg) throws Exception {
    String db = "apikeys_" + Long.toHexString(System.nanoTime());
    pg.createDatabase(db);
    Flyway.configure(ApiKeyAuthenticatorTest.class.getClassLoader())
        .dataSource(pg.jdbcUrl(db), pg.user(), pg.password())
        .schemas(ApiKeyStore.SCHEMA)
        .locations("classpath:db/apikeys")
        .load()
        .migrate();
    store = new ApiKeyStore(pg.dataSource(db));
    authenticator =
        new ApiKeyAuthenticator(
            store, CIPHER, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    edPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    store.insert(hmac(id('T'), Set.of(Permission.READ, Permission.TRADE), List.of()));
    store.insert(hmac(id('R'), Set.of(Permission.READ), List.of()));
    store.insert(hmac(id('I'), Set.of(Permission.READ), List.of("203.0.113.0/24")));
    store.insert(hmac(id('X'), Set.of(Permission.READ), List.of()));
    store.revoke("alice", id('X'), NOW - 1);
    store.insert(
        new ApiKey(
            id('E'),
            "alice",
            "ed",
            KeyScheme.ED25519,
            null,
            Base64.getEncoder().encodeToString(edPair.getPublic().getEncoded()),
            Set.of(Permission.READ, Permission.TRADE),
            List.of(),
            NOW,
            null));
  }

  static String id(char c) {
    return String.valueOf(c).repeat(64);
  }

  static ApiKey hmac(String apiKey, Set<Permission> permissions, List<String> ips) {
    return new ApiKey(
        apiKey,
        "alice",
        "bot",
        KeyScheme.HMAC_SHA256,
        CIPHER.encrypt(apiKey, SECRET),
        null,
        permissions,
        ips,
        NOW,
        null);
  }

  static SignedPayload signed(String query, long timestamp) {
    String payload = query + "&timestamp=" + timestamp;
    return SignedPayload.parse(payload + "&signature=" + Signatures.hmacHex(SECRET, payload), null);
  }

  @Test
  void aWellSignedRequestGivesItsKeyAndTheStoreKeepsNoUsableSecret() {
    ApiKey key =
        authenticator.authenticate(
            id('T'), signed("symbol=BTCUSDT", NOW), CLIENT, Permission.TRADE);
    assertThat(key.account()).isEqualTo("alice");
    assertThat(key.permissions()).containsExactlyInAnyOrder(Permission.READ, Permission.TRADE);
    assertThat(store.find(id('T')).secret())
        .startsWith("v1:")
        .doesNotContain(new String(SECRET, StandardCharsets.UTF_8));
    assertThat(store.list("alice")).hasSize(5);
  }

  @Test
  void ed25519KeysVerifyBase64SignaturesOverTheSamePayload() throws Exception {
    String body = "symbol=BTCUSDT&side=BUY&timestamp=" + NOW;
    String signature = SignaturesTest.ed25519(edPair, body);
    SignedPayload request =
        SignedPayload.parse(
            null, body + "&signature=" + java.net.URLEncoder.encode(signature, "UTF-8"));
    assertThat(authenticator.authenticate(id('E'), request, CLIENT, Permission.TRADE).scheme())
        .isEqualTo(KeyScheme.ED25519);
    SignedPayload altered =
        SignedPayload.parse(null, body.replace("BUY", "SELL") + "&signature=" + signature);
    assertCode(
        () -> authenticator.authenticate(id('E'), altered, CLIENT, Permission.TRADE),
        -1022,
        "Signature for this request is not valid.");
  }

  @Test
  void badRequestsGetBinancesCodes() {
    String rejected = "Invalid API-key, IP, or permissions for action.";
    record Bad(String what, Runnable call, int code, String message) {}
    List<Bad> table =
        List.of(
            new Bad(
                "no key",
                () -> auth(null, signed("a=1", NOW), CLIENT, Permission.READ),
                -2014,
                "API-key format invalid."),
            new Bad(
                "malformed key",
                () -> auth("abc", signed("a=1", NOW), CLIENT, Permission.READ),
                -2014,
                "API-key format invalid."),
            new Bad(
                "unknown key",
                () -> auth(id('U'), signed("a=1", NOW), CLIENT, Permission.READ),
                -2015,
                rejected),
            new Bad(
                "revoked key",
                () -> auth(id('X'), signed("a=1", NOW), CLIENT, Permission.READ),
                -2015,
                rejected),
            new Bad(
                "address not allowed",
                () -> auth(id('I'), signed("a=1", NOW), CLIENT, Permission.READ),
                -2015,
                rejected),
            new Bad(
                "read-only key placing an order",
                () -> auth(id('R'), signed("a=1", NOW), CLIENT, Permission.TRADE),
                -2015,
                rejected),
            new Bad(
                "wrong signature",
                () ->
                    auth(
                        id('T'),
                        SignedPayload.parse(
                            "a=1&timestamp=" + NOW + "&signature=" + "0".repeat(64), null),
                        CLIENT,
                        Permission.READ),
                -1022,
                "Signature for this request is not valid."),
            new Bad(
                "signature of other parameters",
                () ->
                    auth(
                        id('T'),
                        SignedPayload.parse(
                            "a=2&timestamp="
                                + NOW
                                + "&signature="
                                + Signatures.hmacHex(SECRET, "a=1&timestamp=" + NOW),
                            null),
                        CLIENT,
                        Permission.READ),
                -1022,
                "Signature for this request is not valid."),
            new Bad(
                "no signature",
                () ->
                    auth(
                        id('T'),
                        SignedPayload.parse("a=1&timestamp=" + NOW, null),
                        CLIENT,
                        Permission.READ),
                -1102,
                "Mandatory parameter 'signature' was not sent, was empty/null, or malformed."),
            new Bad(
                "stale timestamp",
                () -> auth(id('T'), signed("a=1", NOW - 5_001), CLIENT, Permission.READ),
                -1021,
                "Timestamp for this request is outside of the recvWindow."),
            new Bad(
                "future timestamp",
                () -> auth(id('T'), signed("a=1", NOW + 1_000), CLIENT, Permission.READ),
                -1021,
                "Timestamp for this request was 1000ms ahead of the server's time."),
            new Bad(
                "recvWindow over 60 s",
                () -> auth(id('T'), signed("recvWindow=60001", NOW), CLIENT, Permission.READ),
                -1131,
                "recvWindow must be less than 60000"));
    for (Bad bad : table) {
      assertCode(bad.call(), bad.code(), bad.message());
    }
  }

  @Test
  void anAllowedAddressPasses() {
    assertThat(
            authenticator
                .authenticate(id('I'), signed("a=1", NOW), "203.0.113.9", Permission.READ)
                .apiKey())
        .isEqualTo(id('I'));
  }

  private static void auth(String key, SignedPayload p, String client, Permission needed) {
    authenticator.authenticate(key, p, client, needed);
  }
}
