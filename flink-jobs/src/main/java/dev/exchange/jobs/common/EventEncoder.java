package dev.exchange.jobs.common;

import dev.exchange.model.EventSerde;
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

  private static byte[] header(Schema schema) {
    return ByteBuffer.allocate(10)
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
