package dev.exchange.edge.apikeys;

import dev.exchange.edge.errors.ErrorCodes;
import dev.exchange.service.apikeys.ApiKey;
import dev.exchange.service.apikeys.ApiKeyStore;
import dev.exchange.service.apikeys.IpAllowList;
import dev.exchange.service.apikeys.KeyScheme;
import dev.exchange.service.apikeys.Permission;
import dev.exchange.service.apikeys.RandomText;
import dev.exchange.service.apikeys.SecretCipher;
import dev.exchange.service.apikeys.Signatures;
import dev.exchange.service.web.ApiException;
import dev.exchange.service.web.FieldProblem;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Creates, lists and revokes an account's API keys. An HMAC key's secret is generated here, shown
 * once and stored sealed ({@link SecretCipher}); an Ed25519 key is the user's own public key, so
 * the exchange never holds anything that can sign.
 */
@Service
class ApiKeyService {

  /** Active keys an account may hold. */
  static final int MAX_ACTIVE_KEYS = 30;

  static final int MAX_LABEL = 64;

  private final ApiKeyStore store;
  private final SecretCipher cipher;
  private final Clock clock;

  ApiKeyService(ApiKeyStore store, SecretCipher cipher, Clock clock) {
    this.store = store;
    this.cipher = cipher;
    this.clock = clock;
  }

  /** The new key, with its secret when it is an HMAC key. */
  ApiKeyView create(String account, CreateApiKeyRequest request) {
    List<FieldProblem> errors = new ArrayList<>();
    String label = request.label() == null ? "api key" : request.label().strip();
    if (label.isEmpty()
        || label.length() > MAX_LABEL
        || label.chars().anyMatch(Character::isISOControl)) {
      errors.add(
          new FieldProblem(
              "label",
              ErrorCodes.LABEL_INVALID,
              "label must be 1 to " + MAX_LABEL + " characters without control characters"));
    }
    KeyScheme scheme = scheme(request.scheme(), errors);
    Set<Permission> permissions = permissions(request.permissions(), errors);
    List<String> ips = ips(request.ipAllowList(), errors);
    String publicKey = publicKey(scheme, request.publicKey(), errors);
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    long active = store.list(account).stream().filter(k -> !k.revoked()).count();
    if (active >= MAX_ACTIVE_KEYS) {
      throw ApiException.of(
          HttpStatus.CONFLICT,
          ErrorCodes.API_KEY_LIMIT,
          null,
          "an account holds at most " + MAX_ACTIVE_KEYS + " active api keys; revoke one first");
    }
    String apiKey = RandomText.of(64);
    String secret = scheme == KeyScheme.HMAC_SHA256 ? RandomText.of(64) : null;
    ApiKey key =
        new ApiKey(
            apiKey,
            account,
            label,
            scheme,
            secret == null ? null : cipher.encrypt(apiKey, secret.getBytes(StandardCharsets.UTF_8)),
            publicKey,
            permissions,
            ips,
            clock.millis(),
            null);
    store.insert(key);
    return ApiKeyView.of(key, secret);
  }

  List<ApiKeyView> list(String account) {
    return store.list(account).stream().map(k -> ApiKeyView.of(k, null)).toList();
  }

  void revoke(String account, String apiKey) {
    if (!store.revoke(account, apiKey, clock.millis())) {
      throw ApiException.of(
          HttpStatus.NOT_FOUND,
          ErrorCodes.API_KEY_NOT_FOUND,
          "apiKey",
          "no active api key '" + apiKey + "' of yours");
    }
  }

  private static KeyScheme scheme(String text, List<FieldProblem> errors) {
    if (text == null) {
      return KeyScheme.HMAC_SHA256;
    }
    try {
      return KeyScheme.valueOf(text);
    } catch (IllegalArgumentException e) {
      errors.add(
          new FieldProblem(
              "scheme",
              ErrorCodes.UNKNOWN_FIELD_VALUE,
              "scheme must be HMAC_SHA256 or ED25519, not '" + text + "'"));
      return null;
    }
  }

  private static Set<Permission> permissions(List<String> texts, List<FieldProblem> errors) {
    Set<Permission> out = EnumSet.of(Permission.READ);
    for (String text : texts == null ? List.<String>of() : texts) {
      try {
        out.add(Permission.valueOf(String.valueOf(text)));
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldProblem(
                "permissions",
                ErrorCodes.UNKNOWN_FIELD_VALUE,
                "permissions are READ and TRADE, not '" + text + "'"));
      }
    }
    return out;
  }

  private static List<String> ips(List<String> entries, List<FieldProblem> errors) {
    List<String> out = new ArrayList<>();
    if (entries == null) {
      return out;
    }
    if (entries.size() > IpAllowList.MAX_ENTRIES) {
      errors.add(
          new FieldProblem(
              "ipAllowList",
              ErrorCodes.IP_ALLOW_LIST_INVALID,
              "at most " + IpAllowList.MAX_ENTRIES + " addresses or blocks"));
      return out;
    }
    for (String entry : entries) {
      try {
        out.add(IpAllowList.normalize(entry));
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldProblem("ipAllowList", ErrorCodes.IP_ALLOW_LIST_INVALID, e.getMessage()));
      }
    }
    return out;
  }

  private static String publicKey(KeyScheme scheme, String text, List<FieldProblem> errors) {
    if (scheme != KeyScheme.ED25519) {
      if (text != null) {
        errors.add(
            new FieldProblem(
                "publicKey",
                ErrorCodes.PUBLIC_KEY_NOT_ALLOWED,
                "publicKey is for ED25519 keys; an HMAC_SHA256 key's secret is generated"));
      }
      return null;
    }
    if (text == null || text.isBlank()) {
      errors.add(
          new FieldProblem(
              "publicKey", ErrorCodes.FIELD_REQUIRED, "publicKey is required for ED25519 keys"));
      return null;
    }
    try {
      return Base64.getEncoder().encodeToString(Signatures.ed25519PublicKey(text).getEncoded());
    } catch (IllegalArgumentException e) {
      errors.add(new FieldProblem("publicKey", ErrorCodes.PUBLIC_KEY_INVALID, e.getMessage()));
      return null;
    }
  }
}
