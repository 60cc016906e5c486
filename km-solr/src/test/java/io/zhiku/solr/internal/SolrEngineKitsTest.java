package io.zhiku.solr.internal;

import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.testkit.AccessControlKit;
import io.zhiku.testkit.ItemStoreKit;
import io.zhiku.testkit.SearchKit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine kits of the test kit on the SolrCloud engine: one in-process cluster of two nodes for the
 * class, a new 2-shard collection for every knowledge base, so that every answer is merged across shards.
 * Events stay in each knowledge base's embedded store until the events collection exists.
 */
class SolrEngineKitsTest {
  private static final AtomicInteger COLLECTIONS = new AtomicInteger();

  @RegisterExtension
  static final InProcessSolr SOLR = new InProcessSolr(2);

  static KnowledgeBaseBuilder onNewCollection() {
    String collection = SOLR.collection("kits" + COLLECTIONS.incrementAndGet(), 2, 1);
    return KnowledgeBase.builder().engine(new ItemsOnSolr(SOLR.cluster(), collection));
  }

  @Nested
  class Items extends ItemStoreKit {
    @Override
    protected KnowledgeBaseBuilder newKnowledgeBase() {
      return onNewCollection();
    }
  }

  @Nested
  class Search extends SearchKit {
    @Override
    protected KnowledgeBaseBuilder newKnowledgeBase() {
      return onNewCollection();
    }
  }

  @Nested
  class AccessControl extends AccessControlKit {
    @Override
    protected KnowledgeBaseBuilder newKnowledgeBase() {
      return onNewCollection();
    }
  }
}
