package dev.exchange.accounts.core;

import java.util.HashMap;
import java.util.Map;

/** {@link AccountStorage} in plain maps: one account's state, for tests and benchmarks. */
public final class InMemoryAccountStorage implements AccountStorage {

  private final Map<String, Balance> balances = new HashMap<>();
  private final Map<String, OpenOrder> openOrders = new HashMap<>();
  private final Map<String, String> transfers = new HashMap<>();
  private final Map<String, Long> lastEventSequences = new HashMap<>();
  private final Map<String, Long> symbolSequences = new HashMap<>();
  private final Map<String, Long> clientOrders = new HashMap<>();
  private long ledgerSequence;
  private long accountSequence;

  @Override
  public Balance balance(String asset) {
    return balances.get(asset);
  }

  @Override
  public void putBalance(String asset, Balance balance) {
    balances.put(asset, balance);
  }

  @Override
  public long ledgerSequence() {
    return ledgerSequence;
  }

  @Override
  public void putLedgerSequence(long sequence) {
    ledgerSequence = sequence;
  }

  @Override
  public long accountSequence() {
    return accountSequence;
  }

  @Override
  public void putAccountSequence(long sequence) {
    accountSequence = sequence;
  }

  @Override
  public long symbolSequence(String symbol) {
    return symbolSequences.getOrDefault(symbol, 0L);
  }

  @Override
  public void putSymbolSequence(String symbol, long sequence) {
    symbolSequences.put(symbol, sequence);
  }

  @Override
  public OpenOrder openOrder(String orderId) {
    return openOrders.get(orderId);
  }

  @Override
  public void putOpenOrder(String orderId, OpenOrder order) {
    openOrders.put(orderId, order);
  }

  @Override
  public void removeOpenOrder(String orderId) {
    openOrders.remove(orderId);
  }

  @Override
  public String transfer(String transferId) {
    return transfers.get(transferId);
  }

  @Override
  public void putTransfer(String transferId, String content) {
    transfers.put(transferId, content);
  }

  @Override
  public Long clientOrderAccepted(String clientOrderKey) {
    return clientOrders.get(clientOrderKey);
  }

  @Override
  public void putClientOrderAccepted(String clientOrderKey, long acceptedAt) {
    clientOrders.put(clientOrderKey, acceptedAt);
  }

  @Override
  public long lastEventSequence(String symbol) {
    return lastEventSequences.getOrDefault(symbol, 0L);
  }

  @Override
  public void putLastEventSequence(String symbol, long sequence) {
    lastEventSequences.put(symbol, sequence);
  }

  /** Assets the account ever held. */
  public Map<String, Balance> balances() {
    return balances;
  }

  /** Open orders by id. */
  public Map<String, OpenOrder> openOrders() {
    return openOrders;
  }
}
