package dev.exchange.service.apikeys;

import java.util.List;
import java.util.Set;

/**
 * A stored API key as the services use it.
 *
 * @param apiKey the public identifier sent in {@code X-MBX-APIKEY} (64 letters and digits)
 * @param account the account it acts for
 * @param label the owner's name for it
 * @param scheme how it signs
 * @param secret HMAC: the encrypted secret as stored ({@link SecretCipher}); Ed25519: null
 * @param publicKey Ed25519: the X.509 public key, base64; HMAC: null
 * @param permissions what it may do
 * @param ipAllowList addresses or CIDR blocks requests must come from; empty: any
 * @param createdAt epoch milliseconds
 * @param revokedAt epoch milliseconds, or null while valid
 */
public record ApiKey(
    String apiKey,
    String account,
    String label,
    KeyScheme scheme,
    String secret,
    String publicKey,
    Set<Permission> permissions,
    List<String> ipAllowList,
    long createdAt,
    Long revokedAt) {

  public ApiKey {
    permissions = Set.copyOf(permissions);
    ipAllowList = List.copyOf(ipAllowList);
  }

  public boolean revoked() {
    return revokedAt != null;
  }
}
