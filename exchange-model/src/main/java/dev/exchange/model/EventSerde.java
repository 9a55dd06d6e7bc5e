package dev.exchange.model;

import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.AlertCommand;
import dev.exchange.model.avro.AlertFired;
import dev.exchange.model.avro.Asset;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.CommandRejection;
import dev.exchange.model.avro.DeadLetter;
import dev.exchange.model.avro.Instrument;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Ticker;
import dev.exchange.model.avro.Trade;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding for every event type: a 2-byte marker, the 8-byte CRC-64-AVRO
 * fingerprint of the writer schema, then the binary datum.
 *
 * <p>The fingerprint lets one topic carry several record types ({@link BookDelta} and {@link
 * BookSnapshot} on {@code exchange.book}) and lets readers decode records written with any earlier
 * version of a schema: all versions in {@code schema-history/} are registered as known writer
 * schemas and resolved to the current reader schema. Thread-safe.
 */
public final class EventSerde {

  /** Every record type that travels on a topic. */
  public static final List<Class<? extends SpecificRecord>> TYPES =
      List.of(
          OrderCommand.class,
          Trade.class,
          OrderEvent.class,
          BookDelta.class,
          BookSnapshot.class,
          Instrument.class,
          Candle.class,
          Ticker.class,
          DeadLetter.class,
          Asset.class,
          AccountCommand.class,
          BalanceEvent.class,
          CommandRejection.class,
          AlertCommand.class,
          AlertFired.class);

  private static final String HISTORY_INDEX = "/dev/exchange/model/schema-history/index.txt";

  private static final Map<Class<?>, BinaryMessageEncoder<?>> ENCODERS = new HashMap<>();
  private static final Map<Class<?>, BinaryMessageDecoder<?>> DECODERS = new HashMap<>();
  private static final Map<Long, Class<? extends SpecificRecord>> TYPE_BY_FINGERPRINT =
      new HashMap<>();
  private static final Map<String, List<Schema>> HISTORY = loadHistory();

  static {
    for (Class<? extends SpecificRecord> type : TYPES) {
      Schema current = SpecificData.get().getSchema(type);
      ENCODERS.put(type, new BinaryMessageEncoder<>(SpecificData.get(), current));
      BinaryMessageDecoder<?> decoder = new BinaryMessageDecoder<>(SpecificData.get(), current);
      TYPE_BY_FINGERPRINT.put(SchemaNormalization.parsingFingerprint64(current), type);
      for (Schema old : HISTORY.getOrDefault(type.getSimpleName(), List.of())) {
        decoder.addSchema(old);
        TYPE_BY_FINGERPRINT.put(SchemaNormalization.parsingFingerprint64(old), type);
      }
      DECODERS.put(type, decoder);
    }
  }

  private EventSerde() {}

  /** Encodes a record with its current schema. */
  @SuppressWarnings("unchecked")
  public static <T extends SpecificRecord> byte[] encode(T record) {
    BinaryMessageEncoder<T> encoder = (BinaryMessageEncoder<T>) ENCODERS.get(record.getClass());
    if (encoder == null) {
      throw new IllegalArgumentException("not an event type: " + record.getClass().getName());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try {
      encoder.encode(record, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a record of a known type, resolving older writer schemas.
   *
   * @throws InvalidEventException if the bytes are not a single-object encoded record of that type
   */
  @SuppressWarnings("unchecked")
  public static <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) {
    BinaryMessageDecoder<T> decoder = (BinaryMessageDecoder<T>) DECODERS.get(type);
    if (decoder == null) {
      throw new IllegalArgumentException("not an event type: " + type.getName());
    }
    if (bytes == null) {
      throw new InvalidEventException("null payload");
    }
    try {
      return decoder.decode(bytes);
    } catch (BadHeaderException e) {
      throw new InvalidEventException("not Avro single-object encoding: " + e.getMessage());
    } catch (MissingSchemaException e) {
      throw new InvalidEventException(
          "writer schema unknown for " + type.getSimpleName() + ": " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      throw new InvalidEventException(
          "cannot decode " + type.getSimpleName() + ": " + e.getClass().getSimpleName());
    }
  }

  /** Decodes a record of whichever known type its fingerprint names. */
  public static SpecificRecord decodeAny(byte[] bytes) {
    return decode(bytes, typeOf(bytes));
  }

  /** The record type whose (current or historic) schema wrote these bytes. */
  public static Class<? extends SpecificRecord> typeOf(byte[] bytes) {
    if (bytes == null || bytes.length < 10 || bytes[0] != (byte) 0xC3 || bytes[1] != 0x01) {
      throw new InvalidEventException("not Avro single-object encoding: bad header");
    }
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Class<? extends SpecificRecord> type = TYPE_BY_FINGERPRINT.get(fingerprint);
    if (type == null) {
      throw new InvalidEventException(
          "unknown schema fingerprint " + Long.toHexString(fingerprint));
    }
    return type;
  }

  /** Historic schema versions of a type, oldest first, as registered for decoding. */
  public static List<Schema> history(Class<? extends SpecificRecord> type) {
    return HISTORY.getOrDefault(type.getSimpleName(), List.of());
  }

  private static Map<String, List<Schema>> loadHistory() {
    Map<String, List<Schema>> history = new LinkedHashMap<>();
    String index = readResource(HISTORY_INDEX);
    for (String line : index.split("\n")) {
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      String typeName = entry.substring(0, entry.indexOf('/'));
      Schema schema =
          new Schema.Parser().parse(readResource("/dev/exchange/model/schema-history/" + entry));
      history.computeIfAbsent(typeName, k -> new ArrayList<>()).add(schema);
    }
    history.replaceAll((k, v) -> Collections.unmodifiableList(v));
    return Collections.unmodifiableMap(history);
  }

  private static String readResource(String path) {
    try (InputStream in = EventSerde.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
