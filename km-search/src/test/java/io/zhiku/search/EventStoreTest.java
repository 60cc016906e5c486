package io.zhiku.search;

import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.search.internal.LuceneIndexProvider;
import io.zhiku.testkit.Capability;
import io.zhiku.testkit.EventStoreKit;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The embedded Lucene engine passes the event store kit, in memory and in a directory. */
class EventStoreTest extends EventStoreKit {
  @TempDir
  Path dir;
  private final AtomicInteger stores = new AtomicInteger();

  @Override
  protected KnowledgeBaseBuilder newKnowledgeBase() {
    return KnowledgeBase.builder().engine(new LuceneIndexProvider());
  }

  @Override
  protected Set<Capability> capabilities() {
    return Set.of(Capability.REOPEN);
  }

  @Override
  protected Store newStore() {
    Path store = dir.resolve("store-" + stores.incrementAndGet());
    return () -> newKnowledgeBase().directory(store);
  }
}
