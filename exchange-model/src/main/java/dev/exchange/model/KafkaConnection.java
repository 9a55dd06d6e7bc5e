package dev.exchange.model;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How every Kafka client of the exchange reaches the brokers: the one definition of the connection
 * settings that the services, the Flink jobs and the tools build their clients from
 * (docs/architecture.md, "Configuration"). Locally that is a bootstrap address over PLAINTEXT; in
 * AWS it is MSK over {@code SASL_SSL} with IAM authentication ({@code AWS_MSK_IAM}, the
 * aws-msk-iam-auth library on the classpath); SCRAM ({@code SCRAM-SHA-512}) with a user name and
 * password works the same way.
 *
 * <p>Each {@link Setting} has one key and three spellings derived from it: the Spring property
 * {@code exchange.kafka.<key>}, the environment variable {@code EXCHANGE_KAFKA_<KEY>} (what the
 * deployments set, and what Spring's relaxed binding maps to the property) and the job flag {@code
 * --<key>}.
 *
 * @param bootstrapServers broker list, required
 * @param securityProtocol {@code PLAINTEXT} (null), {@code SSL}, {@code SASL_PLAINTEXT} or {@code
 *     SASL_SSL}
 * @param saslMechanism {@code AWS_MSK_IAM}, {@code SCRAM-SHA-512} or {@code SCRAM-SHA-256}; only
 *     with a SASL protocol
 * @param saslJaasConfig the login module; null: derived from the mechanism (IAM's module, or
 *     SCRAM's with the user name and password)
 * @param saslClientCallbackHandlerClass null: IAM's handler for {@code AWS_MSK_IAM}, Kafka's
 *     default otherwise
 * @param saslUsername SCRAM user
 * @param saslPassword SCRAM password
 * @param sslTruststoreLocation trust store of the brokers' certificate authority; null: the JVM's
 *     (MSK's certificates are signed by a public authority)
 * @param sslTruststoreType {@code PEM}, {@code PKCS12} or {@code JKS}; null: Kafka's default
 * @param sslTruststorePassword password of a PKCS12 or JKS trust store
 */
public record KafkaConnection(
    String bootstrapServers,
    String securityProtocol,
    String saslMechanism,
    String saslJaasConfig,
    String saslClientCallbackHandlerClass,
    String saslUsername,
    String saslPassword,
    String sslTruststoreLocation,
    String sslTruststoreType,
    String sslTruststorePassword)
    implements Serializable {

  public static final String PLAINTEXT = "PLAINTEXT";
  public static final String SASL_SSL = "SASL_SSL";
  public static final String AWS_MSK_IAM = "AWS_MSK_IAM";
  public static final String SCRAM_SHA_512 = "SCRAM-SHA-512";

  /** The login module and callback handler of aws-msk-iam-auth. */
  public static final String IAM_LOGIN_MODULE =
      "software.amazon.msk.auth.iam.IAMLoginModule required;";

  public static final String IAM_CALLBACK_HANDLER =
      "software.amazon.msk.auth.iam.IAMClientCallbackHandler";

  private static final Set<String> PROTOCOLS = Set.of(PLAINTEXT, "SSL", "SASL_PLAINTEXT", SASL_SSL);
  private static final Set<String> MECHANISMS = Set.of(AWS_MSK_IAM, SCRAM_SHA_512, "SCRAM-SHA-256");

  /** One connection setting. */
  public enum Setting {
    BOOTSTRAP_SERVERS("bootstrap-servers", "Kafka bootstrap servers"),
    SECURITY_PROTOCOL(
        "security-protocol", "PLAINTEXT (unset), SSL, SASL_PLAINTEXT or SASL_SSL (MSK: SASL_SSL)"),
    SASL_MECHANISM("sasl-mechanism", "AWS_MSK_IAM (MSK), SCRAM-SHA-512 or SCRAM-SHA-256"),
    SASL_JAAS_CONFIG(
        "sasl-jaas-config", "the SASL login module; unset: derived from the mechanism"),
    SASL_CLIENT_CALLBACK_HANDLER_CLASS(
        "sasl-client-callback-handler-class",
        "the SASL callback handler; unset: IAM's for AWS_MSK_IAM, Kafka's otherwise"),
    SASL_USERNAME("sasl-username", "the SCRAM user"),
    SASL_PASSWORD("sasl-password", "the SCRAM password"),
    SSL_TRUSTSTORE_LOCATION(
        "ssl-truststore-location", "trust store of the brokers' CA; unset: the JVM's"),
    SSL_TRUSTSTORE_TYPE("ssl-truststore-type", "PEM, PKCS12 or JKS; unset: Kafka's default"),
    SSL_TRUSTSTORE_PASSWORD("ssl-truststore-password", "password of the trust store");

    private final String key;
    private final String description;

    Setting(String key, String description) {
      this.key = key;
      this.description = description;
    }

    /** Kebab-case key: the job flag's name and the last part of the Spring property. */
    public String key() {
      return key;
    }

    public String description() {
      return description;
    }

    /** {@code exchange.kafka.<key>}. */
    public String property() {
      return "exchange.kafka." + key;
    }

    /** {@code EXCHANGE_KAFKA_<KEY>}. */
    public String environmentVariable() {
      return "EXCHANGE_KAFKA_" + key.replace('-', '_').toUpperCase(Locale.ROOT);
    }
  }

  /**
   * Checks the combination, so that a client fails at start with the setting at fault rather than
   * at its first connection.
   *
   * @throws IllegalArgumentException naming the setting at fault
   */
  public KafkaConnection {
    bootstrapServers = blankToNull(bootstrapServers);
    securityProtocol = blankToNull(securityProtocol);
    saslMechanism = blankToNull(saslMechanism);
    saslJaasConfig = blankToNull(saslJaasConfig);
    saslClientCallbackHandlerClass = blankToNull(saslClientCallbackHandlerClass);
    saslUsername = blankToNull(saslUsername);
    saslPassword = blankToNull(saslPassword);
    sslTruststoreLocation = blankToNull(sslTruststoreLocation);
    sslTruststoreType = blankToNull(sslTruststoreType);
    sslTruststorePassword = blankToNull(sslTruststorePassword);
    if (bootstrapServers == null) {
      throw invalid(Setting.BOOTSTRAP_SERVERS, "is required");
    }
    if (securityProtocol != null && !PROTOCOLS.contains(securityProtocol)) {
      throw invalid(
          Setting.SECURITY_PROTOCOL, "is " + securityProtocol + ", not one of " + PROTOCOLS);
    }
    boolean sasl = securityProtocol != null && securityProtocol.startsWith("SASL_");
    if (sasl && saslMechanism == null) {
      throw invalid(Setting.SASL_MECHANISM, "is required with " + securityProtocol);
    }
    if (!sasl && saslMechanism != null) {
      throw invalid(
          Setting.SASL_MECHANISM,
          "is " + saslMechanism + " but the protocol is " + protocolOrDefault(securityProtocol));
    }
    if (saslMechanism != null && !MECHANISMS.contains(saslMechanism)) {
      throw invalid(Setting.SASL_MECHANISM, "is " + saslMechanism + ", not one of " + MECHANISMS);
    }
    boolean scram = saslMechanism != null && saslMechanism.startsWith("SCRAM-");
    if (scram && saslJaasConfig == null && (saslUsername == null || saslPassword == null)) {
      throw invalid(
          saslUsername == null ? Setting.SASL_USERNAME : Setting.SASL_PASSWORD,
          "is required with " + saslMechanism);
    }
  }

  /** A connection without security, as the local broker serves it. */
  public static KafkaConnection plaintext(String bootstrapServers) {
    return new KafkaConnection(
        bootstrapServers, null, null, null, null, null, null, null, null, null);
  }

  /** MSK with IAM authentication (the credentials come from the AWS SDK's default chain). */
  public static KafkaConnection mskIam(String bootstrapServers) {
    return new KafkaConnection(
        bootstrapServers, SASL_SSL, AWS_MSK_IAM, null, null, null, null, null, null, null);
  }

  /** SASL_SSL with SCRAM-SHA-512, trusting the certificate authority in a PEM file. */
  public static KafkaConnection scram(
      String bootstrapServers, String username, String password, String pemTruststore) {
    return new KafkaConnection(
        bootstrapServers,
        SASL_SSL,
        SCRAM_SHA_512,
        null,
        null,
        username,
        password,
        pemTruststore,
        pemTruststore == null ? null : "PEM",
        null);
  }

  /** The connection from each setting's value ({@code null} or blank: unset). */
  public static KafkaConnection from(Function<Setting, String> values) {
    return new KafkaConnection(
        values.apply(Setting.BOOTSTRAP_SERVERS),
        values.apply(Setting.SECURITY_PROTOCOL),
        values.apply(Setting.SASL_MECHANISM),
        values.apply(Setting.SASL_JAAS_CONFIG),
        values.apply(Setting.SASL_CLIENT_CALLBACK_HANDLER_CLASS),
        values.apply(Setting.SASL_USERNAME),
        values.apply(Setting.SASL_PASSWORD),
        values.apply(Setting.SSL_TRUSTSTORE_LOCATION),
        values.apply(Setting.SSL_TRUSTSTORE_TYPE),
        values.apply(Setting.SSL_TRUSTSTORE_PASSWORD));
  }

  /** The connection from the {@code EXCHANGE_KAFKA_*} environment variables. */
  public static KafkaConnection fromEnvironment(Map<String, String> environment) {
    return from(s -> environment.get(s.environmentVariable()));
  }

  /**
   * {@link #fromEnvironment} with {@code bootstrapServers} in place of {@code
   * EXCHANGE_KAFKA_BOOTSTRAP_SERVERS}: what the tools build from their own address argument.
   */
  public static KafkaConnection fromEnvironment(
      String bootstrapServers, Map<String, String> environment) {
    return from(
        s ->
            s == Setting.BOOTSTRAP_SERVERS
                ? bootstrapServers
                : environment.get(s.environmentVariable()));
  }

  /** The value of one setting as given (null when unset). */
  public String get(Setting setting) {
    return settings().get(setting);
  }

  /** Every setting that is set, in declaration order. */
  public Map<Setting, String> settings() {
    Map<Setting, String> s = new EnumMap<>(Setting.class);
    put(s, Setting.BOOTSTRAP_SERVERS, bootstrapServers);
    put(s, Setting.SECURITY_PROTOCOL, securityProtocol);
    put(s, Setting.SASL_MECHANISM, saslMechanism);
    put(s, Setting.SASL_JAAS_CONFIG, saslJaasConfig);
    put(s, Setting.SASL_CLIENT_CALLBACK_HANDLER_CLASS, saslClientCallbackHandlerClass);
    put(s, Setting.SASL_USERNAME, saslUsername);
    put(s, Setting.SASL_PASSWORD, saslPassword);
    put(s, Setting.SSL_TRUSTSTORE_LOCATION, sslTruststoreLocation);
    put(s, Setting.SSL_TRUSTSTORE_TYPE, sslTruststoreType);
    put(s, Setting.SSL_TRUSTSTORE_PASSWORD, sslTruststorePassword);
    return s;
  }

  /**
   * Every setting that is set as its {@code EXCHANGE_KAFKA_*} environment variable: what a
   * deployment gives a container (the inverse of {@link #fromEnvironment(Map)}).
   */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    settings().forEach((s, v) -> env.put(s.environmentVariable(), v));
    return env;
  }

  /**
   * The Kafka client properties of the connection ({@code bootstrap.servers}, {@code
   * security.protocol}, {@code sasl.*}, {@code ssl.truststore.*}), for producers, consumers and
   * admin clients alike; a client adds its own settings to them.
   */
  public Map<String, String> clientProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("security.protocol", protocolOrDefault(securityProtocol));
    if (saslMechanism != null) {
      p.put("sasl.mechanism", saslMechanism);
      p.put("sasl.jaas.config", saslJaasConfig != null ? saslJaasConfig : derivedJaasConfig());
      String handler =
          saslClientCallbackHandlerClass != null
              ? saslClientCallbackHandlerClass
              : AWS_MSK_IAM.equals(saslMechanism) ? IAM_CALLBACK_HANDLER : null;
      if (handler != null) {
        p.put("sasl.client.callback.handler.class", handler);
      }
    }
    if (sslTruststoreLocation != null) {
      p.put("ssl.truststore.location", sslTruststoreLocation);
    }
    if (sslTruststoreType != null) {
      p.put("ssl.truststore.type", sslTruststoreType);
    }
    if (sslTruststorePassword != null) {
      p.put("ssl.truststore.password", sslTruststorePassword);
    }
    return p;
  }

  /** {@link #clientProperties()} with {@code extra} on top, as {@code Map<String, Object>}. */
  public Map<String, Object> clientProperties(Map<String, ?> extra) {
    Map<String, Object> p = new LinkedHashMap<>(clientProperties());
    p.putAll(extra);
    return p;
  }

  /** The secrets redacted. */
  @Override
  public String toString() {
    return "KafkaConnection["
        + bootstrapServers
        + ", "
        + protocolOrDefault(securityProtocol)
        + (saslMechanism == null ? "" : ", " + saslMechanism)
        + (saslUsername == null ? "" : ", user " + saslUsername)
        + "]";
  }

  private String derivedJaasConfig() {
    if (AWS_MSK_IAM.equals(saslMechanism)) {
      return IAM_LOGIN_MODULE;
    }
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + jaasQuoted(saslUsername)
        + "\" password=\""
        + jaasQuoted(saslPassword)
        + "\";";
  }

  private static String jaasQuoted(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String protocolOrDefault(String protocol) {
    return protocol == null ? PLAINTEXT : protocol;
  }

  private static void put(Map<Setting, String> s, Setting setting, String value) {
    if (value != null) {
      s.put(setting, value);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static IllegalArgumentException invalid(Setting setting, String problem) {
    return new IllegalArgumentException(
        "Kafka setting "
            + setting.key()
            + " ("
            + setting.property()
            + ", "
            + setting.environmentVariable()
            + ") "
            + problem);
  }
}
