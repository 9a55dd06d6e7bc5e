package dev.exchange.accounts.core;

import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.OrderCommand;

/** Where the {@link AccountEngine} sends what one command produced, in order. */
public interface AccountOutput {

  /** An order command to forward to {@code exchange.orders}, with its account sequence set. */
  void order(OrderCommand command);

  /** A ledger entry for {@code exchange.balances}. */
  void balance(BalanceEvent entry);
}
