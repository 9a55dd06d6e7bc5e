package dev.exchange.service.apikeys;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An API key's IP allow list: IPv4 or IPv6 addresses and CIDR blocks ({@code 203.0.113.7}, {@code
 * 10.0.0.0/8}, {@code 2001:db8::/32}). Only literal addresses are accepted, never host names (no
 * DNS lookups).
 */
public final class IpAllowList {

  /** Binance's limit on entries per key. */
  public static final int MAX_ENTRIES = 30;

  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})){3}");

  // With a colon InetAddress parses an IPv6 literal and never asks DNS.
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private IpAllowList() {}

  /** The entry's canonical text; {@link IllegalArgumentException} naming what is wrong. */
  public static String normalize(String entry) {
    String text = entry == null ? "" : entry.trim();
    int slash = text.indexOf('/');
    byte[] address = literal(slash < 0 ? text : text.substring(0, slash), entry);
    if (slash < 0) {
      return text;
    }
    String bits = text.substring(slash + 1);
    if (!bits.matches("[0-9]{1,3}") || Integer.parseInt(bits) > address.length * 8) {
      throw new IllegalArgumentException(
          "'" + entry + "' has an invalid prefix length (0-" + address.length * 8 + ")");
    }
    return text;
  }

  /** Whether {@code client} (a literal address) is allowed; any address when the list is empty. */
  public static boolean allows(List<String> entries, String client) {
    if (entries.isEmpty()) {
      return true;
    }
    byte[] address;
    try {
      address = literal(client, client);
    } catch (IllegalArgumentException e) {
      return false;
    }
    for (String entry : entries) {
      int slash = entry.indexOf('/');
      byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash), entry);
      int bits = slash < 0 ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1));
      if (network.length == address.length && samePrefix(network, address, bits)) {
        return true;
      }
    }
    return false;
  }

  private static boolean samePrefix(byte[] a, byte[] b, int bits) {
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >>> (i % 8);
      if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] literal(String text, String entry) {
    if (text == null
        || text.length() > 45
        || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
      throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR block");
    }
    try {
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR block", e);
    }
  }
}
