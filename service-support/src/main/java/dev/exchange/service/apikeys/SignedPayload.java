package dev.exchange.service.apikeys;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A signed request's parts as Binance defines them: the signed text is the query string followed
 * directly by the form body ("totalParams"), both exactly as sent and without the {@code signature}
 * parameter; the parameters are both sets decoded, the query string's value winning when a name is
 * in both.
 *
 * @param payload what the signature covers
 * @param signature the {@code signature} parameter, decoded; null when absent
 * @param duplicateSignature true when {@code signature} was sent more than once
 * @param parameters every other parameter, first value per name
 */
public record SignedPayload(
    String payload, String signature, boolean duplicateSignature, Map<String, String> parameters) {

  private static final String SIGNATURE = "signature";

  /** Splits {@code query} (raw, may be null) and {@code body} (raw form body, may be null). */
  public static SignedPayload parse(String query, String body) {
    List<String> signatures = new ArrayList<>();
    Map<String, String> parameters = new LinkedHashMap<>();
    String signedQuery = strip(query, signatures, parameters);
    String signedBody = strip(body, signatures, parameters);
    return new SignedPayload(
        signedQuery + signedBody,
        signatures.isEmpty() ? null : signatures.get(0),
        signatures.size() > 1,
        Collections.unmodifiableMap(parameters));
  }

  /**
   * A WebSocket API request's parameters ({@code params} of {@code {"method":…,"params":{…}}}): the
   * signed text is every parameter but {@code signature}, sorted by name, as {@code name=value}
   * joined by {@code &}, values as sent (Binance's WebSocket API rule).
   */
  public static SignedPayload ofParameters(Map<String, String> params) {
    Map<String, String> parameters = new TreeMap<>(params);
    String signature = parameters.remove(SIGNATURE);
    StringBuilder payload = new StringBuilder();
    parameters.forEach(
        (name, value) -> {
          if (!payload.isEmpty()) {
            payload.append('&');
          }
          payload.append(name).append('=').append(value);
        });
    return new SignedPayload(
        payload.toString(), signature, false, Collections.unmodifiableMap(parameters));
  }

  private static String strip(String raw, List<String> signatures, Map<String, String> params) {
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    StringBuilder kept = new StringBuilder();
    for (String pair : raw.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (name.equals(SIGNATURE)) {
        signatures.add(value);
        continue;
      }
      params.putIfAbsent(name, value);
      if (!kept.isEmpty()) {
        kept.append('&');
      }
      kept.append(pair);
    }
    return kept.toString();
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
