package io.zhiku.solr.internal;

import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.spi.EngineOption;
import io.zhiku.core.spi.EventStore;
import io.zhiku.core.spi.IndexSettings;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.spi.KnowledgeIndexProvider;
import io.zhiku.solr.SolrConnection;
import io.zhiku.solr.SolrLayout;
import java.time.Duration;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SolrCloud engine, found by {@link java.util.ServiceLoader} as {@code "solr"}: the items and events
 * of a {@link SolrLayout} (the defaults without one) in the cluster a {@link SolrConnection} reaches (which
 * it needs). The knowledge base's directory is not used: the data lives in the cluster. Each index and
 * event store opens its own client and closes it. Stateless and thread-safe.
 */
public final class SolrIndexProvider implements KnowledgeIndexProvider {
  private static final Logger LOG = LoggerFactory.getLogger(SolrIndexProvider.class);
  /** The engine's name. */
  public static final String NAME = "solr";
  /**
   * How late a change may become searchable, after its shard leader numbered it, and still be seen by the
   * change feed's next poll: the 1 s soft commit, the nodes' clock skew and a slow commit, with margin.
   */
  static final Duration FEED_WINDOW = Duration.ofSeconds(10);

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public SolrIndexProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Class<? extends EngineOption>> optionTypes() {
    return Set.of(SolrConnection.class, SolrLayout.class);
  }

  @Override
  public KnowledgeIndex open(IndexSettings settings) {
    if (settings.embedder() != null) {
      throw new ValidationException("embedder", settings.embedder().name(),
          "the solr engine does not rank by embeddings yet; open without an embedder");
    }
    return openOn(settings, SolrLayout::items, (client, collection) ->
        new SolrKnowledgeIndex(client, collection, FEED_WINDOW, true));
  }

  @Override
  public EventStore openEvents(IndexSettings settings) {
    return openOn(settings, SolrLayout::events, (client, collection) -> new SolrEventStore(client, collection, FEED_WINDOW, true));
  }

  private static <T> T openOn(IndexSettings settings, Function<SolrLayout, String> which,
      BiFunction<CloudSolrClient, String, T> opener) {
    SolrConnection connection = settings.option(SolrConnection.class).orElseThrow(() -> new ValidationException(
        "engineOption", "none of type " + SolrConnection.class.getName(),
        "the solr engine needs a SolrConnection: engineOption(SolrConnection.zooKeeper(hosts, chroot))"));
    SolrLayout layout = settings.option(SolrLayout.class).orElse(SolrLayout.defaults());
    String collection = which.apply(layout);
    CloudSolrClient client = connection.client();
    try {
      if (!SolrCollections.exists(client, collection)) {
        if (!layout.createMissing()) {
          throw new ZhikuException("the collection " + collection + " does not exist in the cluster of " + connection
              + "; create it with SolrSetup.ensure, or open with a SolrLayout that creates missing collections");
        }
        SolrCollections.ensure(client, layout.configName(), collection, layout.shards(), layout.replicas());
      }
      SolrCollections.awaitActive(client, collection, connection.requestTimeout());
      T opened = opener.apply(client, collection);
      LOG.info("opened collection {} of {}", collection, connection);
      return opened;
    } catch (RuntimeException e) {
      SolrCalls.closeQuietly(client, collection);
      throw e;
    }
  }
}
