package dev.exchange.edge.admin;

/** 202 answer to an instrument command; the result appears on {@code exchange.instruments}. */
record AdminAccepted(String commandId, String symbol, String command, String status) {}
