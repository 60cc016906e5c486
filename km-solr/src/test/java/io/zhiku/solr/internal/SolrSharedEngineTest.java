package io.zhiku.solr.internal;

import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.testkit.SharedEngineKit;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared-engine kit on the SolrCloud item store: several knowledge bases on one collection of an
 * in-process cluster (two nodes, a 2-shard collection per test). Events stay in each knowledge base's
 * embedded store until the events collection exists.
 */
class SolrSharedEngineTest extends SharedEngineKit {
  private static final AtomicInteger COLLECTIONS = new AtomicInteger();
  private static MiniSolrCloudCluster cluster;

  @BeforeAll
  static void startCluster(@TempDir Path dir) throws Exception {
    cluster = new MiniSolrCloudCluster.Builder(2, dir).build();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  @Override
  protected KnowledgeBaseBuilder newKnowledgeBase() {
    return newStore().open();
  }

  @Override
  protected Store newStore() {
    String collection = "shared" + COLLECTIONS.incrementAndGet();
    SolrCollections.ensure(cluster.getSolrClient(), "zhiku", collection, 2, 1);
    cluster.waitForActiveCollection(collection, 2, 2);
    return () -> KnowledgeBase.builder().engine(new ItemsOnSolr(cluster, collection));
  }
}
