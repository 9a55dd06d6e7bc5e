package dev.exchange.delivery.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How alert-delivery delivers ({@code exchange.alert-delivery.*}).
 *
 * @param maxAttempts tries per firing and channel, the first included; after the last, FAILED and a
 *     dead letter
 * @param baseDelay the wait before the second try; each further wait doubles (1 s, 2 s, 4 s, …)
 * @param requestTimeout how long one webhook POST or SMTP exchange may take
 * @param concurrency firings delivered at once
 * @param smtp the mail server; e-mail deliveries fail (FAILED, not retried) without its host
 * @param allowPrivateAddresses whether a webhook may go to a host that resolves to a loopback,
 *     private, link-local or other non-public address; false in production (a trader's URL must not
 *     reach the cluster's own services or the cloud metadata endpoint), true for the local stack
 *     and tests, whose receivers listen on loopback
 */
@ConfigurationProperties("exchange.alert-delivery")
public record DeliveryProperties(
    @DefaultValue("6") int maxAttempts,
    @DefaultValue("1s") Duration baseDelay,
    @DefaultValue("10s") Duration requestTimeout,
    @DefaultValue("8") int concurrency,
    @DefaultValue Smtp smtp,
    @DefaultValue("false") boolean allowPrivateAddresses) {

  public DeliveryProperties {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("exchange.alert-delivery.max-attempts must be at least 1");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("exchange.alert-delivery.concurrency must be at least 1");
    }
  }

  /**
   * @param host SMTP server; empty: no e-mail
   * @param port its port (587 with STARTTLS, 25 locally)
   * @param username login, empty for none
   * @param password its password
   * @param startTls require STARTTLS (SES: true)
   * @param from the sender address
   */
  public record Smtp(
      String host,
      @DefaultValue("25") int port,
      String username,
      String password,
      @DefaultValue("false") boolean startTls,
      @DefaultValue("alerts@exchange.local") String from) {

    public boolean configured() {
      return host != null && !host.isBlank();
    }
  }

  /** The wait before try {@code attempt + 1}: baseDelay × 2^(attempt − 1). */
  public Duration delayAfter(int attempt) {
    return baseDelay.multipliedBy(1L << Math.min(attempt - 1, 30));
  }

  /**
   * The longest one firing can take over both channels (every try timing out, every wait): what the
   * consumer's poll interval must allow.
   */
  public Duration worstCase() {
    Duration waits = Duration.ZERO;
    for (int attempt = 1; attempt < maxAttempts; attempt++) {
      waits = waits.plus(delayAfter(attempt));
    }
    return waits.plus(requestTimeout.multipliedBy(maxAttempts)).multipliedBy(2);
  }
}
