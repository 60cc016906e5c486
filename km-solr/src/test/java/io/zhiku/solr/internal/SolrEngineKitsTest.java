package io.zhiku.solr.internal;

import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.testkit.AccessControlKit;
import io.zhiku.testkit.Capability;
import io.zhiku.testkit.DurabilityKit;
import io.zhiku.testkit.EngineKit;
import io.zhiku.testkit.EventStoreKit;
import io.zhiku.testkit.ItemStoreKit;
import io.zhiku.testkit.SearchKit;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine kits of the test kit on the SolrCloud engine (items, search, access control, durability): one in-process cluster of two nodes for the
 * class, a new 2-shard collection for every knowledge base, so that every answer is merged across shards.
 * Events are in a 2-shard collection of their own.
 */
class SolrEngineKitsTest {
  private static final AtomicInteger COLLECTIONS = new AtomicInteger();

  @RegisterExtension
  static final InProcessSolr SOLR = new InProcessSolr(2);

  static KnowledgeBaseBuilder onNewCollection() {
    return newCollection().open();
  }

  /** A new collection, which every knowledge base opened on it shares. */
  static EngineKit.Store newCollection() {
    int n = COLLECTIONS.incrementAndGet();
    String collection = SOLR.collection("kits" + n, 2, 1);
    String events = SOLR.collection("kits" + n + "-events", 2, 1);
    return () -> KnowledgeBase.builder().engine(new ItemsOnSolr(SOLR.cluster().getSolrClient(), collection, events));
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

  @Nested
  class Events extends EventStoreKit {
    @Override
    protected KnowledgeBaseBuilder newKnowledgeBase() {
      return onNewCollection();
    }

    @Override
    protected Set<Capability> capabilities() {
      return Set.of(Capability.REOPEN);
    }

    @Override
    protected Store newStore() {
      return newCollection();
    }
  }

  /** What outlives a knowledge base is the collection; a crash is a node stopping (SolrFaultTest). */
  @Nested
  class Durability extends DurabilityKit {
    @Override
    protected KnowledgeBaseBuilder newKnowledgeBase() {
      return onNewCollection();
    }

    @Override
    protected Set<Capability> capabilities() {
      return Set.of(Capability.REOPEN);
    }

    @Override
    protected Store newStore(Random random) {
      return newCollection();
    }
  }
}
