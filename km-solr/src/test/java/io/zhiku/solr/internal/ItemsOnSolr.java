package io.zhiku.solr.internal;

import io.zhiku.core.spi.EventStore;
import io.zhiku.core.spi.IndexSettings;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.spi.KnowledgeIndexProvider;
import io.zhiku.search.internal.LuceneIndexProvider;
import java.time.Duration;
import org.apache.solr.client.solrj.impl.CloudSolrClient;

/**
 * For tests: the Solr item store on a collection of an in-process cluster, and the events in a collection
 * of their own, or in each knowledge base's embedded, in-memory store when none is given.
 *
 * @param client a client of the cluster
 * @param collection the items' collection, created
 * @param events the events' collection, created, or {@code null} for events in memory
 */
record ItemsOnSolr(CloudSolrClient client, String collection, String events) implements KnowledgeIndexProvider {
  /**
   * Items on Solr, events in memory.
   *
   * @param client a client of the cluster
   * @param collection the items' collection, created
   */
  ItemsOnSolr(CloudSolrClient client, String collection) {
    this(client, collection, null);
  }

  @Override
  public String name() {
    return "solr-items";
  }

  @Override
  public KnowledgeIndex open(IndexSettings settings) {
    return new SolrKnowledgeIndex(client, collection, Duration.ofSeconds(10));
  }

  @Override
  public EventStore openEvents(IndexSettings settings) {
    return events == null ? new LuceneIndexProvider().openEvents(new IndexSettings(null))
        : new SolrEventStore(client, events, Duration.ofSeconds(2));
  }
}
