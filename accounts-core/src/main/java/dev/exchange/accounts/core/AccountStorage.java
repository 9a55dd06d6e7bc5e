package dev.exchange.accounts.core;

/**
 * The state of one account, as the {@link AccountEngine} reads and writes it. The job backs it with
 * Flink keyed state of the current key (the account); tests with maps ({@link
 * InMemoryAccountStorage}). Values handed to a {@code put} are owned by the storage afterwards.
 */
public interface AccountStorage {

  /** The asset's balance, or null when the account never had any of it. */
  Balance balance(String asset);

  void putBalance(String asset, Balance balance);

  /** Sequence of the account's last ledger entry (0: none yet). */
  long ledgerSequence();

  void putLedgerSequence(long sequence);

  /** Account sequence of the last order command forwarded (0: none yet). */
  long accountSequence();

  void putAccountSequence(long sequence);

  /** Symbol sequence of the last order command forwarded on {@code symbol} (0: none yet). */
  long symbolSequence(String symbol);

  void putSymbolSequence(String symbol, long sequence);

  /** The open order the account holds funds for, or null. */
  OpenOrder openOrder(String orderId);

  void putOpenOrder(String orderId, OpenOrder order);

  void removeOpenOrder(String orderId);

  /** Content of the transfer applied (or refused) under this id, or null. */
  String transfer(String transferId);

  void putTransfer(String transferId, String content);

  /**
   * When the account's last accepted order with this client order key ({@link
   * AccountEngine#clientOrderKey}) was accepted at the edge, or null if none is remembered.
   */
  Long clientOrderAccepted(String clientOrderKey);

  void putClientOrderAccepted(String clientOrderKey, long acceptedAt);

  /** Event sequence of the symbol's last execution report applied to the account (0: none). */
  long lastEventSequence(String symbol);

  void putLastEventSequence(String symbol, long sequence);
}
