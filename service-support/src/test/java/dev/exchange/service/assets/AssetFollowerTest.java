package dev.exchange.service.assets;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.model.avro.Asset;
import dev.exchange.service.kafka.KafkaProperties;
import dev.exchange.service.testing.AssetsTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link AssetFollower} against a real broker: assets listed before start are in the cache when it
 * reports caught up, later listings follow, and a tombstone removes its code.
 */
@ExtendWith(LocalServicesExtension.class)
class AssetFollowerTest {

  private static KafkaBroker kafka;

  @BeforeAll
  static void broker(KafkaBroker broker) {
    kafka = broker;
  }

  @Test
  void readsTheListedAssetsThenFollowsListingsAndTombstones() throws Exception {
    String servers = kafka.bootstrapServers();
    Asset btc = AssetsTopic.asset("FBTC", 8);
    AssetsTopic.publish(servers, btc);
    AssetCache cache = new AssetCache();
    AssetFollower follower = new AssetFollower(cache, properties(servers));
    follower.start();
    try {
      await().atMost(30, SECONDS).until(cache::caughtUp);
      assertThat(cache.get("FBTC")).isEqualTo(btc);
      assertThat(cache.get("FUSD")).isNull();

      AssetsTopic.publish(servers, AssetsTopic.asset("FUSD", 6));
      await().atMost(30, SECONDS).until(() -> cache.get("FUSD") != null);
      assertThat(cache.get("FUSD").getScale()).isEqualTo(6);
      assertThat(cache.all()).extracting(Asset::getCode).containsSubsequence("FBTC", "FUSD");

      AssetsTopic.remove(servers, "FBTC");
      await().atMost(30, SECONDS).until(() -> cache.get("FBTC") == null);
    } finally {
      follower.stop();
    }
  }

  private static KafkaProperties properties(String servers) {
    return new KafkaProperties(servers, "asset-follower-test");
  }
}
