package io.zhiku.solr.internal;

import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.testkit.SharedEngineKit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared-engine kit on the SolrCloud item store: several knowledge bases on one collection of an
 * in-process cluster (two nodes, a 2-shard collection per test). Events stay in each knowledge base's
 * embedded store until the events collection exists.
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
    String collection = SOLR.collection("shared" + COLLECTIONS.incrementAndGet(), 2, 1);
    return () -> KnowledgeBase.builder().engine(new ItemsOnSolr(SOLR.cluster().getSolrClient(), collection));
  }
}
