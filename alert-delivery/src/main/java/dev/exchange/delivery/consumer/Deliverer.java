package dev.exchange.delivery.consumer;

import dev.exchange.delivery.channels.FiredPayload;
import dev.exchange.delivery.channels.MailChannel;
import dev.exchange.delivery.channels.Result;
import dev.exchange.delivery.channels.WebhookChannel;
import dev.exchange.delivery.store.Channel;
import dev.exchange.delivery.store.DeliveryStore;
import dev.exchange.delivery.store.Outcome;
import dev.exchange.delivery.system.DeliveryProperties;
import dev.exchange.model.avro.AlertFired;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Delivers one firing (docs/alerts.md, "Deliveries"): keeps it in {@code alerts.fired}, then on
 * each of its channels (webhook, e-mail) that has no final outcome yet, tries, logs the attempt,
 * waits {@link DeliveryProperties#delayAfter} and tries again while the error is retryable, up to
 * {@link DeliveryProperties#maxAttempts}; after the last, FAILED and a dead letter {@value
 * DeadLetterWriter#DELIVERY_FAILED}. A firing whose channel is done (a replay) is not delivered
 * again; one interrupted mid-way resumes at the next attempt number. Tries run on a pool of {@link
 * DeliveryProperties#concurrency} threads and the waits hold none.
 */
@Component
public class Deliverer implements DisposableBean {

  private final DeliveryStore store;
  private final WebhookChannel webhook;
  private final MailChannel mail;
  private final DeadLetterWriter deadLetters;
  private final DeliveryProperties properties;
  private final Clock clock;
  private final MeterRegistry meters;
  private final ScheduledExecutorService pool;

  Deliverer(
      DeliveryStore store,
      WebhookChannel webhook,
      MailChannel mail,
      DeadLetterWriter deadLetters,
      DeliveryProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.store = store;
    this.webhook = webhook;
    this.mail = mail;
    this.deadLetters = deadLetters;
    this.properties = properties;
    this.clock = clock;
    this.meters = meters;
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            properties.concurrency(),
            r -> {
              Thread t = new Thread(r, "alert-delivery");
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    this.pool = executor;
  }

  /**
   * Completes once every channel of the firing has its final outcome logged (or was done before);
   * completes exceptionally when the database or the dead-letter topic failed, and the record must
   * then be read again.
   */
  public CompletableFuture<Void> deliver(AlertFired f, ConsumerRecord<byte[], byte[]> record) {
    String body = FiredPayload.json(f);
    store.fired(f, body, clock.millis());
    List<CompletableFuture<Void>> channels = new ArrayList<>();
    if (f.getWebhookUrl() != null) {
      channels.add(channel(f, record, body, Channel.WEBHOOK));
    }
    if (f.getEmail() != null) {
      channels.add(channel(f, record, body, Channel.EMAIL));
    }
    return CompletableFuture.allOf(channels.toArray(CompletableFuture[]::new));
  }

  private CompletableFuture<Void> channel(
      AlertFired f, ConsumerRecord<byte[], byte[]> record, String body, Channel channel) {
    if (store.done(f.getAlertId(), f.getFiring(), channel)) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    int first = store.nextAttempt(f.getAlertId(), f.getFiring(), channel);
    pool.execute(() -> attempt(f, record, body, channel, first, done));
    return done;
  }

  private void attempt(
      AlertFired f,
      ConsumerRecord<byte[], byte[]> record,
      String body,
      Channel channel,
      int attempt,
      CompletableFuture<Void> done) {
    try {
      Result result = channel == Channel.WEBHOOK ? webhook.send(f, body) : mail.send(f, body);
      long now = clock.millis();
      if (result.sent()) {
        log(f, channel, attempt, Outcome.SENT, result, now);
        done.complete(null);
      } else if (result.retryable() && attempt < properties.maxAttempts()) {
        log(f, channel, attempt, Outcome.RETRIED, result, now);
        pool.schedule(
            () -> attempt(f, record, body, channel, attempt + 1, done),
            properties.delayAfter(attempt).toMillis(),
            TimeUnit.MILLISECONDS);
      } else {
        deadLetters.write(
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            record.value(),
            DeadLetterWriter.DELIVERY_FAILED,
            channel + " attempt " + attempt + ": " + result.error(),
            now);
        log(f, channel, attempt, Outcome.FAILED, result, now);
        done.complete(null);
      }
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
  }

  private void log(
      AlertFired f, Channel channel, int attempt, Outcome outcome, Result result, long now) {
    store.log(f, channel, attempt, outcome, result.statusCode(), result.error(), now);
    Counter.builder("alert.deliveries")
        .description("alert webhook and e-mail attempts by outcome")
        .tag("channel", channel.name())
        .tag("outcome", outcome.name())
        .register(meters)
        .increment();
  }

  @Override
  public void destroy() {
    pool.shutdownNow();
  }
}
