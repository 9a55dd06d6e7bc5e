package dev.exchange.delivery.channels;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether a webhook host is on the public internet: every address it resolves to must be neither
 * loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 with the cloud
 * metadata endpoint, fe80::/10), carrier-grade NAT (100.64/10), the wildcard nor multicast. A check
 * before the connection, so a name that resolves differently a moment later (DNS rebinding) is not
 * covered; the pods' network policy is the second line.
 */
final class PublicAddresses {

  private PublicAddresses() {}

  /** True when every address of {@code host} is public; throws when it does not resolve. */
  static boolean isPublic(String host) throws UnknownHostException {
    InetAddress[] addresses = InetAddress.getAllByName(host);
    for (InetAddress a : addresses) {
      if (!isPublic(a)) {
        return false;
      }
    }
    return addresses.length > 0;
  }

  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isSiteLocalAddress()
        || a.isLinkLocalAddress()
        || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (b.length == 16) {
      return (b[0] & 0xfe) != 0xfc; // unique local fc00::/7
    }
    return !((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64); // 100.64.0.0/10
  }
}
