package dev.exchange.relay.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WsTicketsTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant TOKEN_EXPIRY = START.plus(Duration.ofHours(1));

  private final AtomicReference<Instant> now = new AtomicReference<>(START);
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  private final WsTickets tickets =
      new WsTickets(new WsTicketProperties(Duration.ofSeconds(30), "shared-secret"), clock);

  @Test
  void aTicketOpensTheAccountsStreamUntilTheTokenExpires() throws Exception {
    WsTickets.Ticket ticket = tickets.issue("alice:with-colon", TOKEN_EXPIRY);
    assertThat(ticket.expiresAt()).isEqualTo(START.plusSeconds(30));
    WsTickets.Redeemed redeemed = tickets.redeem(ticket.value());
    assertThat(redeemed.account()).isEqualTo("alice:with-colon");
    assertThat(redeemed.sessionExpiresAtMillis()).isEqualTo(TOKEN_EXPIRY.toEpochMilli());
  }

  @Test
  void aTicketIsRedeemedOnce() throws Exception {
    String ticket = tickets.issue("alice", TOKEN_EXPIRY).value();
    tickets.redeem(ticket);
    assertThatThrownBy(() -> tickets.redeem(ticket))
        .isInstanceOf(WsTickets.Refused.class)
        .hasMessage("Ticket already used; ask POST /api/v1/ws-ticket for a new one.");
  }

  @Test
  void aTicketExpiresAfterItsValidityAndRedeemedOnesAreForgottenThen() throws Exception {
    String used = tickets.issue("alice", TOKEN_EXPIRY).value();
    String late = tickets.issue("bob", TOKEN_EXPIRY).value();
    tickets.redeem(used);
    assertThat(tickets.remembered()).isEqualTo(1);
    now.set(START.plusSeconds(30));
    assertThatThrownBy(() -> tickets.redeem(late))
        .isInstanceOf(WsTickets.Refused.class)
        .hasMessage("Ticket expired; ask POST /api/v1/ws-ticket for a new one.");
    tickets.redeem(tickets.issue("carol", TOKEN_EXPIRY).value());
    assertThat(tickets.remembered()).as("alice's nonce dropped once expired").isEqualTo(1);
  }

  @Test
  void anotherInstanceWithTheSameSecretAcceptsATicketAndADifferentSecretDoesNot() throws Exception {
    String ticket = tickets.issue("alice", TOKEN_EXPIRY).value();
    WsTickets sibling =
        new WsTickets(new WsTicketProperties(Duration.ofSeconds(30), "shared-secret"), clock);
    WsTickets stranger =
        new WsTickets(new WsTicketProperties(Duration.ofSeconds(30), "other-secret"), clock);
    assertThatThrownBy(() -> stranger.redeem(ticket))
        .isInstanceOf(WsTickets.Refused.class)
        .hasMessage("Invalid ticket signature.");
    assertThat(sibling.redeem(ticket).account()).isEqualTo("alice");
  }

  @Test
  void aForgedOrGarbledTicketIsRefused() {
    String ticket = tickets.issue("alice", TOKEN_EXPIRY).value();
    String otherAccount =
        java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("AAAA:9999999999999:9999999999999:mallory".getBytes())
            + ticket.substring(ticket.indexOf('.'));
    assertThatThrownBy(() -> tickets.redeem(otherAccount))
        .isInstanceOf(WsTickets.Refused.class)
        .hasMessage("Invalid ticket signature.");
    assertThatThrownBy(() -> tickets.redeem("no-dot"))
        .isInstanceOf(WsTickets.Refused.class)
        .hasMessage("Malformed ticket.");
    assertThatThrownBy(() -> tickets.redeem("!!.??"))
        .isInstanceOf(WsTickets.Refused.class)
        .hasMessage("Malformed ticket.");
  }
}
