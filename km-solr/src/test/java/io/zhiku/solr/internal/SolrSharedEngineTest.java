package io.zhiku.solr.internal;

import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.testkit.SharedEngineKit;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared-engine kit on the SolrCloud engine: several knowledge bases on the items and events
 * collections of an in-process cluster (two nodes, 2-shard collections per test), the events feed's window
 * shortened to 2 s.
 */
class SolrSharedEngineTest extends SharedEngineKit {
  private static final AtomicInteger COLLECTIONS = new AtomicInteger();

  @RegisterExtension
  static final InProcessSolr SOLR = new InProcessSolr(2);

  @Override
  protected KnowledgeBaseBuilder newKnowledgeBase() {
    return newStore().open();
  }

  @Override
  protected Store newStore() {
    int n = COLLECTIONS.incrementAndGet();
    String collection = SOLR.collection("shared" + n, 2, 1);
    String events = SOLR.collection("shared" + n + "-events", 2, 1);
    return () -> KnowledgeBase.builder().engine(new ItemsOnSolr(SOLR.cluster().getSolrClient(), collection, events));
  }

  /** The window {@link ItemsOnSolr} gives the event stores, and a soft commit. */
  @Override
  protected Duration eventLag() {
    return Duration.ofSeconds(3);
  }
}
