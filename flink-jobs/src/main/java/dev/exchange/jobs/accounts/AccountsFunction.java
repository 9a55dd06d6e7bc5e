package dev.exchange.jobs.accounts;

import dev.exchange.accounts.core.AccountEngine;
import dev.exchange.accounts.core.AccountOutput;
import dev.exchange.jobs.common.DeadLetters;
import dev.exchange.jobs.common.EmptyStart;
import dev.exchange.jobs.common.EventEncoder;
import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.model.EventSerde;
import dev.exchange.model.InvalidEventException;
import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.OrderCommand;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link AccountEngine} per account (the Kafka key of {@code exchange.account-commands})
 * with the account's state in Flink keyed state ({@link FlinkAccountStorage}). Forwarded order
 * commands go to the orders topic keyed by symbol, ledger entries to the balances topic keyed by
 * account, each stamped with the input record's timestamp, so that a replay re-emits byte-identical
 * records.
 *
 * <p>A record that cannot be decoded, whose account is not its key, or that the engine refuses (an
 * amount at a scale the asset cannot hold, a fill beyond the hold) becomes a dead letter and
 * produces nothing else: its state changes are never committed ({@link FlinkAccountStorage} writes
 * a command's changes back only once it succeeded), so a refused command leaves the account exactly
 * as it was.
 */
public final class AccountsFunction extends EmptyStart.Refusing<OutRecord> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AccountsFunction.class);

  private final TopicNames topics;
  private transient AccountEngine engine;
  private transient FlinkAccountStorage storage;
  private transient Buffer buffer;
  private transient Counter internalErrors;
  private transient DeadLetters.Meter deadLetters;

  /**
   * @param allowEmptyStart whether the function may start without restored state ({@link
   *     EmptyStart})
   */
  public AccountsFunction(TopicNames topics, boolean allowEmptyStart) {
    super(AccountsJob.NAME, allowEmptyStart);
    this.topics = topics;
  }

  @Override
  public void open(OpenContext openContext) {
    engine = new AccountEngine();
    storage = new FlinkAccountStorage(getRuntimeContext());
    buffer = new Buffer(topics);
    internalErrors = DeadLetters.internalErrors(getRuntimeContext());
    deadLetters = DeadLetters.meter(getRuntimeContext());
  }

  @Override
  public void processElement(RawRecord envelope, Context ctx, Collector<OutRecord> out) {
    AccountCommand command;
    try {
      command = EventSerde.decode(envelope.value, AccountCommand.class);
    } catch (InvalidEventException e) {
      out.collect(deadLetter(envelope, RejectReason.MALFORMED_COMMAND.name(), e.getMessage()));
      return;
    }
    if (!command.getAccount().equals(envelope.symbol)) {
      out.collect(
          deadLetter(
              envelope,
              RejectReason.MALFORMED_COMMAND.name(),
              "command of " + command.getAccount() + " under key '" + envelope.symbol + "'"));
      return;
    }
    buffer.begin(envelope.timestamp);
    storage.begin();
    try {
      engine.apply(command, storage, buffer);
      storage.commit();
    } catch (RuntimeException e) {
      LOG.error("account command at {}:{} refused", envelope.partition, envelope.offset, e);
      internalErrors.inc();
      out.collect(
          deadLetter(
              envelope,
              DeadLetters.INTERNAL_ERROR,
              e.getClass().getName() + ": " + e.getMessage()));
      return;
    }
    for (OutRecord r : buffer.records) {
      out.collect(r);
    }
  }

  private OutRecord deadLetter(RawRecord envelope, String code, String reason) {
    deadLetters.count(code);
    return DeadLetters.record(topics, envelope, code, reason, AccountsJob.NAME);
  }

  /** Encodes the engine's outputs of one command, emitted only once the command succeeded. */
  private static final class Buffer implements AccountOutput {
    private final TopicNames topics;
    private final EventEncoder encoder = new EventEncoder();
    private final List<OutRecord> records = new ArrayList<>();
    private long timestamp;

    Buffer(TopicNames topics) {
      this.topics = topics;
    }

    void begin(long recordTimestamp) {
      records.clear();
      timestamp = recordTimestamp;
    }

    @Override
    public void order(OrderCommand command) {
      records.add(
          new OutRecord(
              topics.orders(),
              command.getSymbol().getBytes(StandardCharsets.UTF_8),
              // Avro generates no custom coder for a record with a union of records.
              EventSerde.encode(command),
              timestamp));
    }

    @Override
    public void balance(BalanceEvent entry) {
      records.add(
          new OutRecord(
              topics.balances(),
              entry.getAccount().getBytes(StandardCharsets.UTF_8),
              encoder.encode(entry),
              timestamp));
    }
  }
}
