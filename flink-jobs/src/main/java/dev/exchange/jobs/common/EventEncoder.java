package dev.exchange.jobs.common;

import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.OrderEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Encodes events to exactly the bytes of {@link EventSerde#encode} (Avro single-object encoding:
 * marker, CRC-64-AVRO fingerprint of the writer schema, binary datum), for a job's hot path: the
 * datum is written by the generated class's own {@code customEncode} (no reflective field access,
 * no union branch lookup by name) through one reused encoder and buffer. Measured in the matching
 * job, {@code EventSerde.encode} was the largest single cost per command (docs/benchmarks.md).
 *
 * <p>Not thread-safe: one instance per operator instance.
 */
public final class EventEncoder {

  private final Map<Class<?>, byte[]> headers = new HashMap<>();
  private final Buffer buffer = new Buffer();
  private BinaryEncoder encoder;

  /** The single-object encoding of {@code record}. */
  public byte[] encode(SpecificRecordBase record) {
    buffer.reset();
    byte[] header = headers.computeIfAbsent(record.getClass(), c -> header(record.getSchema()));
    buffer.write(header, 0, header.length);
    encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
    try {
      record.customEncode(encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  /** Length of the single-object header: marker and fingerprint. */
  private static final int HEADER_LENGTH = 10;

  /** Union branch of {@code AccountCommand.payload} that holds an {@link OrderEvent}. */
  private static final int ORDER_EVENT_BRANCH =
      AccountCommand.getClassSchema()
          .getField("payload")
          .schema()
          .getIndexNamed(OrderEvent.getClassSchema().getFullName());

  /**
   * The single-object encoding of {@code AccountCommand{account, payload = event}}, given {@code
   * encodedEvent}, the event's own encoding by {@link #encode}: its datum is copied, not encoded
   * again ({@code AccountCommand} has no generated custom coder, its union holds records).
   */
  public byte[] encodeAccountCommand(String account, byte[] encodedEvent) {
    buffer.reset();
    byte[] header =
        headers.computeIfAbsent(AccountCommand.class, c -> header(AccountCommand.getClassSchema()));
    buffer.write(header, 0, header.length);
    encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
    try {
      encoder.writeString(account);
      encoder.writeIndex(ORDER_EVENT_BRANCH);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    buffer.write(encodedEvent, HEADER_LENGTH, encodedEvent.length - HEADER_LENGTH);
    return buffer.toByteArray();
  }

  private static byte[] header(Schema schema) {
    return ByteBuffer.allocate(HEADER_LENGTH)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) 0xC3)
        .put((byte) 0x01)
        .putLong(SchemaNormalization.parsingFingerprint64(schema))
        .array();
  }

  /** A growable buffer whose writes declare no checked exception. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(512);
    }
  }
}
