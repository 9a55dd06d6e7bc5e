package dev.exchange.service.assets;

import dev.exchange.model.avro.Asset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The listed assets, as last published on the compacted {@code exchange.assets} (keyed by code).
 * Read by every request; written by its Kafka follower ({@link AssetFollower}) and, in edge-api, by
 * the admin API once Kafka acknowledged a listing (the same record the follower reads later).
 */
public class AssetCache {

  private final Map<String, Asset> byCode = new ConcurrentHashMap<>();
  private volatile boolean caughtUp;

  /** The asset, or null if the code is not listed. */
  public Asset get(String code) {
    return code == null ? null : byCode.get(code);
  }

  /** Every asset, by code. */
  public List<Asset> all() {
    return byCode.values().stream().sorted(Comparator.comparing(Asset::getCode)).toList();
  }

  public void put(Asset asset) {
    byCode.put(asset.getCode(), asset);
  }

  public void remove(String code) {
    byCode.remove(code);
  }

  /** Whether the cache has read the topic up to the end offsets seen when it started. */
  public boolean caughtUp() {
    return caughtUp;
  }

  public void markCaughtUp() {
    caughtUp = true;
  }
}
