package dev.exchange.service.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.service.web.BinanceException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Binance's signature schemes and time window, on Binance's own documented examples. */
class SignaturesTest {

  /** The secret of the HMAC example in Binance's rest-api.md. */
  static final byte[] BINANCE_SECRET =
      "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
          .getBytes(StandardCharsets.UTF_8);

  static final long NOW = 1_499_827_319_559L;

  @Test
  void hmacOfTheQueryStringIsBinancesExample() {
    SignedPayload p =
        SignedPayload.parse(
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
                + "&recvWindow=5000&timestamp=1499827319559"
                + "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71",
            null);
    assertThat(Signatures.hmacValid(BINANCE_SECRET, p.payload(), p.signature())).isTrue();
    assertThat(Signatures.hmacValid(BINANCE_SECRET, p.payload(), p.signature().toUpperCase()))
        .isTrue();
  }

  @Test
  void hmacOfQueryStringAndBodyConcatenatedIsBinancesExample() {
    SignedPayload p =
        SignedPayload.parse(
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC",
            "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
                + "&signature=0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77");
    assertThat(p.payload())
        .isEqualTo(
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTCquantity=1&price=0.1"
                + "&recvWindow=5000&timestamp=1499827319559");
    assertThat(Signatures.hmacValid(BINANCE_SECRET, p.payload(), p.signature())).isTrue();
  }

  @Test
  void anAlteredPayloadOrSignatureOrAnotherSecretDoesNotVerify() {
    String payload = "symbol=LTCBTC&quantity=1&timestamp=1499827319559";
    String good = Signatures.hmacHex(BINANCE_SECRET, payload);
    assertThat(Signatures.hmacValid(BINANCE_SECRET, payload, good)).isTrue();
    assertThat(Signatures.hmacValid(BINANCE_SECRET, payload.replace("1&", "2&"), good)).isFalse();
    assertThat(Signatures.hmacValid(BINANCE_SECRET, payload, good.substring(1) + "0")).isFalse();
    assertThat(Signatures.hmacValid(BINANCE_SECRET, payload, good.substring(2))).isFalse();
    assertThat(Signatures.hmacValid(BINANCE_SECRET, payload, "not hex")).isFalse();
    assertThat(Signatures.hmacValid("other".getBytes(StandardCharsets.UTF_8), payload, good))
        .isFalse();
  }

  @Test
  void ed25519VerifiesWithThePublicKeyFromPem() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String pem = pem(pair);
    String payload = "symbol=BTCUSDT&side=SELL&type=LIMIT&quantity=1&timestamp=1668481559918";
    String signature = ed25519(pair, payload);

    assertThat(Signatures.ed25519Valid(Signatures.ed25519PublicKey(pem), payload, signature))
        .isTrue();
    assertThat(
            Signatures.ed25519Valid(
                Signatures.ed25519PublicKey(pem), payload + "&recvWindow=1", signature))
        .isFalse();
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    assertThat(Signatures.ed25519Valid(other.getPublic(), payload, signature)).isFalse();
    assertThat(Signatures.ed25519Valid(pair.getPublic(), payload, "%%%")).isFalse();
  }

  @Test
  void aPublicKeyThatIsNotEd25519IsRefusedWithItsReason() throws Exception {
    KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    assertThatThrownBy(() -> Signatures.ed25519PublicKey(pem(rsa)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("publicKey is not an Ed25519 public key");
    assertThatThrownBy(() -> Signatures.ed25519PublicKey("not a key!"))
        .hasMessage("publicKey is not PEM or base64");
  }

  @Test
  void theWindowIsBinancesTimestampBelowNowPlus1000AndAtMostRecvWindowOld() {
    Signatures.checkTime(Long.toString(NOW - 5_000), null, NOW);
    Signatures.checkTime(Long.toString(NOW + 999), null, NOW);
    Signatures.checkTime(Long.toString(NOW - 60_000), "60000", NOW);
    Signatures.checkTime(Long.toString(NOW - 10), "10", NOW);

    assertCode(
        () -> Signatures.checkTime(Long.toString(NOW - 5_001), null, NOW),
        -1021,
        "Timestamp for this request is outside of the recvWindow.");
    assertCode(
        () -> Signatures.checkTime(Long.toString(NOW - 11), "10", NOW),
        -1021,
        "Timestamp for this request is outside of the recvWindow.");
    assertCode(
        () -> Signatures.checkTime(Long.toString(NOW + 1_000), null, NOW),
        -1021,
        "Timestamp for this request was 1000ms ahead of the server's time.");
    assertCode(
        () -> Signatures.checkTime(Long.toString(NOW), "60001", NOW),
        -1131,
        "recvWindow must be less than 60000");
  }

  @Test
  void aReplayVerifiesOnlyWhileItsTimestampIsInsideTheWindow() {
    String sent = Long.toString(NOW);
    Signatures.checkTime(sent, "3000", NOW + 3_000);
    assertCode(
        () -> Signatures.checkTime(sent, "3000", NOW + 3_001),
        -1021,
        "Timestamp for this request is outside of the recvWindow.");
    assertCode(
        () -> Signatures.checkTime(sent, "60000", NOW + 60_001),
        -1021,
        "Timestamp for this request is outside of the recvWindow.");
  }

  @Test
  void missingOrMalformedTimesAreBinanceParameterErrors() {
    assertCode(
        () -> Signatures.checkTime(null, null, NOW),
        -1102,
        "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
    assertCode(
        () -> Signatures.checkTime("", null, NOW),
        -1102,
        "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
    assertCode(
        () -> Signatures.checkTime("12e3", null, NOW),
        -1100,
        "Illegal characters found in parameter 'timestamp'; legal range is '^[0-9]{1,18}$'.");
    assertCode(
        () -> Signatures.checkTime(Long.toString(NOW), "-5", NOW),
        -1100,
        "Illegal characters found in parameter 'recvWindow'; legal range is '^[0-9]{1,18}$'.");
  }

  @Test
  void theSignatureParameterIsTakenOutWhereverItIsAndTheQueryStringWins() {
    SignedPayload p = SignedPayload.parse("a=1&signature=ab%2Bc&b=x%20y", "b=2&c=3");
    assertThat(p.payload()).isEqualTo("a=1&b=x%20yb=2&c=3");
    assertThat(p.signature()).isEqualTo("ab+c");
    assertThat(p.parameters())
        .containsExactly(
            java.util.Map.entry("a", "1"),
            java.util.Map.entry("b", "x y"),
            java.util.Map.entry("c", "3"));
    assertThat(p.duplicateSignature()).isFalse();
    assertThat(SignedPayload.parse("signature=a", "signature=b").duplicateSignature()).isTrue();
    assertThat(SignedPayload.parse(null, null).signature()).isNull();
  }

  static void assertCode(Runnable call, int code, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(BinanceException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessage(message);
  }

  static String pem(KeyPair pair) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  static String ed25519(KeyPair pair, String payload) throws Exception {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(pair.getPrivate());
    s.update(payload.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(s.sign());
  }
}
