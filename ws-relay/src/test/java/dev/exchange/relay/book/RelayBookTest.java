package dev.exchange.relay.book;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.PriceLevel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RelayBookTest {

  private final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
  private final TreeMap<Long, Long> asks = new TreeMap<>();
  private final Random random = new Random(7);

  @Test
  void deltasInOrderRebuildTheBookAndDuplicatesAreDropped() {
    RelayBook book = new RelayBook("BTCUSDT");
    assertThat(book.apply(snapshot(0)).outcome()).isEqualTo(RelayBook.Outcome.STARTED);
    List<BookDelta> sent = new ArrayList<>();
    for (long id = 1; id <= 2000; id++) {
      BookDelta d = randomDelta(id);
      sent.add(d);
      assertThat(book.apply(d, d.hashCode())).isEqualTo(RelayBook.Outcome.APPLIED);
      if (id % 100 == 0) {
        BookDelta replay = sent.get((int) id - 50);
        assertThat(book.apply(replay, replay.hashCode())).isEqualTo(RelayBook.Outcome.DUPLICATE);
      }
    }
    assertThat(levels(book.depth(5000).bids())).isEqualTo(bids);
    assertThat(levels(book.depth(5000).asks())).isEqualTo(asks);
    assertThat(book.apply(snapshot(1500)).outcome()).isEqualTo(RelayBook.Outcome.DUPLICATE);
  }

  @Test
  void aGapWaitsForTheNextSnapshotWhoseDiffBringsAClientFromTheLastGoodBookToIt() {
    RelayBook book = new RelayBook("BTCUSDT");
    book.apply(snapshot(0));
    for (long id = 1; id <= 100; id++) {
      BookDelta d = randomDelta(id);
      book.apply(d, d.hashCode());
    }
    TreeMap<Long, Long> clientBids = new TreeMap<>(bids);
    TreeMap<Long, Long> clientAsks = new TreeMap<>(asks);
    for (long id = 101; id <= 110; id++) {
      randomDelta(id); // lost
    }
    BookDelta afterGap = randomDelta(111);
    assertThat(book.apply(afterGap, afterGap.hashCode())).isEqualTo(RelayBook.Outcome.GAP);
    assertThat(book.state()).isEqualTo(RelayBook.State.AWAITING_SNAPSHOT);
    BookDelta next = randomDelta(112);
    assertThat(book.apply(next, next.hashCode()))
        .isEqualTo(RelayBook.Outcome.IGNORED_AWAITING_SNAPSHOT);
    assertThat(book.lastUpdateId()).isEqualTo(100);

    RelayBook.Resync resync = book.apply(snapshot(112));

    assertThat(resync.outcome()).isEqualTo(RelayBook.Outcome.RESYNCED);
    assertThat(resync.diff().firstUpdateId()).isEqualTo(101);
    assertThat(resync.diff().lastUpdateId()).isEqualTo(112);
    apply(clientBids, resync.diff().bids());
    apply(clientAsks, resync.diff().asks());
    assertThat(clientBids).isEqualTo(bids);
    assertThat(clientAsks).isEqualTo(asks);
    assertThat(book.state()).isEqualTo(RelayBook.State.SYNCED);
  }

  @Test
  void aKnownUpdateIdWithDifferentContentIsARewind() {
    RelayBook book = new RelayBook("BTCUSDT");
    book.apply(snapshot(0));
    for (long id = 1; id <= 10; id++) {
      BookDelta d = randomDelta(id);
      book.apply(d, d.hashCode());
    }
    BookDelta other =
        new BookDelta(
            "BTCUSDT", 5L, 5L, 0L, List.of(new PriceLevel(1L, 1L)), List.of(), null, null, 2, 3);
    assertThat(book.apply(other, other.hashCode())).isEqualTo(RelayBook.Outcome.REWIND);
    assertThat(book.apply(snapshot(5)).outcome()).isEqualTo(RelayBook.Outcome.RESET);
    assertThat(book.lastUpdateId()).isEqualTo(5);
  }

  private static void apply(TreeMap<Long, Long> side, long[][] levels) {
    for (long[] l : levels) {
      if (l[1] == 0) {
        side.remove(l[0]);
      } else {
        side.put(l[0], l[1]);
      }
    }
  }

  private static Map<Long, Long> levels(long[][] levels) {
    TreeMap<Long, Long> out = new TreeMap<>();
    for (long[] l : levels) {
      out.put(l[0], l[1]);
    }
    return out;
  }

  private BookSnapshot snapshot(long id) {
    return new BookSnapshot("BTCUSDT", id, 0L, list(bids), list(asks), 2, 3);
  }

  private static List<PriceLevel> list(TreeMap<Long, Long> side) {
    List<PriceLevel> out = new ArrayList<>();
    side.forEach((p, q) -> out.add(new PriceLevel(p, q)));
    return out;
  }

  private BookDelta randomDelta(long id) {
    boolean bid = random.nextBoolean();
    TreeMap<Long, Long> side = bid ? bids : asks;
    long price = bid ? 9_000 + random.nextInt(100) : 9_101 + random.nextInt(100);
    long qty = side.containsKey(price) && random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(5000);
    if (qty == 0) {
      side.remove(price);
    } else {
      side.put(price, qty);
    }
    List<PriceLevel> change = List.of(new PriceLevel(price, qty));
    return new BookDelta(
        "BTCUSDT",
        id,
        id,
        id,
        bid ? change : List.of(),
        bid ? List.of() : change,
        null,
        null,
        2,
        3);
  }
}
