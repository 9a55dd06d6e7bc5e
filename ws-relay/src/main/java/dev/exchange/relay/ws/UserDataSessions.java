package dev.exchange.relay.ws;

import dev.exchange.relay.streams.AccountHub;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The sessions that receive an account's user data by an API key (Binance's user data stream: a
 * listen key's {@code /ws/<listenKey>}, or a WebSocket API subscription). Each keeps its account's
 * events for as long as its grant holds: every {@code exchange.relay.user-data-check-interval} (30
 * s) the grant is checked again (the listen key is live, the API key not revoked) on a thread of
 * its own, since it reads the database; one that no longer holds is ended. When the database cannot
 * be read the sessions stay (a revocation then takes effect once it can be read again).
 */
@Component
public class UserDataSessions implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(UserDataSessions.class);

  /** Why a session receives user data, and what to do when that no longer holds. */
  record Grant(String account, BooleanSupplier holds, Runnable ended) {}

  private final AccountHub accounts;
  private final Map<RelaySession, Grant> grants = new ConcurrentHashMap<>();
  private final AtomicBoolean checking = new AtomicBoolean();
  private final ExecutorService checker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "relay-user-data-check");
            t.setDaemon(true);
            return t;
          });

  UserDataSessions(AccountHub accounts) {
    this.accounts = accounts;
  }

  /** {@code session} receives {@code grant.account()}'s events from now on. */
  void start(RelaySession session, Grant grant) {
    grants.put(session, grant);
    accounts.add(grant.account(), session);
  }

  /** {@code session} receives no more user data; false when it had none. */
  boolean stop(RelaySession session) {
    Grant grant = grants.remove(session);
    if (grant == null) {
      return false;
    }
    accounts.remove(grant.account(), session);
    return true;
  }

  /** The account whose events {@code session} receives, or null. */
  String account(RelaySession session) {
    Grant grant = grants.get(session);
    return grant == null ? null : grant.account();
  }

  public int size() {
    return grants.size();
  }

  @Scheduled(fixedDelayString = "${exchange.relay.user-data-check-interval:30s}")
  void check() {
    if (!checking.compareAndSet(false, true)) {
      return; // the last pass still waits for the database
    }
    checker.execute(
        () -> {
          try {
            grants.forEach(this::recheck);
          } finally {
            checking.set(false);
          }
        });
  }

  private void recheck(RelaySession session, Grant grant) {
    boolean holds;
    try {
      holds = grant.holds().getAsBoolean();
    } catch (RuntimeException e) {
      LOG.warn("Could not check a user data session's grant; it stays: {}", e.toString());
      return;
    }
    if (!holds && grants.remove(session, grant)) {
      accounts.remove(grant.account(), session);
      grant.ended().run();
    }
  }

  @Override
  public void destroy() {
    checker.shutdownNow();
  }
}
