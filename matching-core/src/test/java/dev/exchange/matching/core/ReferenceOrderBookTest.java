package dev.exchange.matching.core;

class ReferenceOrderBookTest extends OrderBookContractTest {

  @Override
  protected OrderBook newBook(String symbol, int snapshotInterval) {
    return new ReferenceOrderBook(symbol, snapshotInterval);
  }
}
