package io.zhiku.solr.internal;

import io.zhiku.core.spi.EventStore;
import io.zhiku.core.spi.IndexSettings;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.spi.KnowledgeIndexProvider;
import io.zhiku.search.internal.LuceneIndexProvider;
import java.time.Duration;
import org.apache.solr.client.solrj.SolrClient;

/**
 * For tests: the Solr item store on a collection of an in-process cluster, with each knowledge base's
 * events in an embedded, in-memory store until the events collection exists.
 *
 * @param client a client of the cluster
 * @param collection the items' collection, created
 */
record ItemsOnSolr(SolrClient client, String collection) implements KnowledgeIndexProvider {
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
    return new LuceneIndexProvider().openEvents(new IndexSettings(null));
  }
}
