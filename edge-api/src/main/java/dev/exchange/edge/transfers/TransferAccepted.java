package dev.exchange.edge.transfers;

/**
 * 202 answer to a transfer: the accounts job applies it, and its ledger entry on {@code
 * exchange.balances} says whether funds moved or why not.
 */
record TransferAccepted(String status, String transferId, String account, String asset) {}
