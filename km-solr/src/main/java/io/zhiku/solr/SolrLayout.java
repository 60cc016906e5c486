package io.zhiku.solr;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.spi.EngineOption;

/**
 * Where the {@code solr} engine keeps a knowledge base in the cluster: the items collection, the events
 * collection, the configset both are made on, and, for collections the engine creates, how many shards
 * and replicas. Optional: without it the engine uses {@link #defaults()}. A value: immutable and
 * thread-safe.
 *
 * <p>With {@code createMissing}, opening a knowledge base uploads Zhiku's configset and creates a
 * collection that does not exist (an existing one is left as it is): ten minutes to a first search on a
 * development cluster. In production, create them once with {@link SolrSetup#ensure} (or by hand from the
 * configset in this jar) and open without it, so that application servers need no admin rights.
 *
 * @param items the items collection's name
 * @param events the events collection's name, not the items'
 * @param configName the configset's name in the cluster
 * @param shards how many shards a created collection has, 1 to {@value #MAX_COUNT}
 * @param replicas how many replicas each shard of a created collection has, 1 to {@value #MAX_COUNT}; two
 *     or more keep every acknowledged write when a node is lost
 * @param createMissing whether opening creates a missing collection
 */
public record SolrLayout(String items, String events, String configName, int shards, int replicas, boolean createMissing)
    implements EngineOption {
  /** The most shards, and separately the most replicas per shard, of a created collection. */
  public static final int MAX_COUNT = 256;

  /**
   * Validates.
   *
   * @param items the items collection's name: 1 to 64 characters of {@code a-z 0-9 -}, starting with a letter
   * @param events the events collection's name, the same syntax, not the items'
   * @param configName the configset's name, the same syntax
   * @param shards 1 to {@value #MAX_COUNT}
   * @param replicas 1 to {@value #MAX_COUNT}
   * @param createMissing whether opening creates a missing collection
   * @throws ValidationException naming the field, if one is invalid
   */
  public SolrLayout {
    Checks.token("SolrLayout.items", items);
    Checks.token("SolrLayout.events", events);
    Checks.token("SolrLayout.configName", configName);
    if (items.equals(events)) {
      throw new ValidationException("SolrLayout.events", events, "must differ from SolrLayout.items");
    }
    count("SolrLayout.shards", shards);
    count("SolrLayout.replicas", replicas);
  }

  private static void count(String field, int n) {
    if (n < 1 || n > MAX_COUNT) {
      throw new ValidationException(field, n, "must be between 1 and " + MAX_COUNT);
    }
  }

  /**
   * Collections {@code zhiku-items} and {@code zhiku-events} on configset {@code zhiku}, created when
   * missing with one shard and one replica (a development cluster's size: set two replicas or more in
   * production).
   *
   * @return the default layout
   */
  public static SolrLayout defaults() {
    return named("zhiku");
  }

  /**
   * Collections {@code <prefix>-items} and {@code <prefix>-events} on configset {@code zhiku}, created when
   * missing with one shard and one replica: several knowledge bases on one cluster.
   *
   * @param prefix the collections' prefix
   * @return the layout
   * @throws ValidationException if the prefix makes no valid name
   */
  public static SolrLayout named(String prefix) {
    return new SolrLayout(prefix + "-items", prefix + "-events", "zhiku", 1, 1, true);
  }

  /**
   * This layout with collections created with other sizes.
   *
   * @param shardCount shards per collection
   * @param replicaCount replicas per shard
   * @return the layout
   * @throws ValidationException if a count is out of range
   */
  public SolrLayout withSize(int shardCount, int replicaCount) {
    return new SolrLayout(items, events, configName, shardCount, replicaCount, createMissing);
  }

  /**
   * This layout, opening only collections that exist.
   *
   * @return the layout
   */
  public SolrLayout existingOnly() {
    return new SolrLayout(items, events, configName, shards, replicas, false);
  }
}
