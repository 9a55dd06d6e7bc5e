package dev.exchange.edge.alerts;

/**
 * One attempt to deliver a firing of an alert, as alert-delivery logged it in {@code
 * alerts.deliveries}.
 *
 * @param firing the alert's firing number
 * @param channel WEBHOOK or EMAIL
 * @param attempt 1 for the first try
 * @param outcome SENT, RETRIED (tried again later) or FAILED (no further try)
 * @param statusCode the receiver's HTTP status; null for none and for e-mail
 * @param error why it was not sent; null when SENT
 * @param time when the attempt ended, epoch ms
 */
record DeliveryView(
    long firing,
    String channel,
    int attempt,
    String outcome,
    Integer statusCode,
    String error,
    long time) {}
