package io.zhiku.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.spi.EngineCapability;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The shared-engine kit on the in-memory shared test engine, with and without atomic batches: the
 * knowledge base's side of sharing (reading before writing, conflicts, retries, following other
 * instances' changes), tested without a cluster; and what {@code putAll} promises when part of a batch
 * fails, with and without atomic batches.
 */
class SharedMemoryEngineTest {
  private static KnowledgeBase open(SharedMemoryEngine engine) {
    return engine.open().refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).build();
  }

  @Test
  void withoutAtomicBatches_aFailedBatchKeepsWhatWasStored_andEveryInstanceHearsOfIt() {
    SharedMemoryEngine engine = new SharedMemoryEngine(false);
    try (KnowledgeBase a = open(engine); KnowledgeBase b = open(engine)) {
      assertFalse(a.engineCapabilities().contains(EngineCapability.ATOMIC_BATCHES));
      SharedEngineKit.Mirror heardByA = SharedEngineKit.Mirror.attach(a);
      SharedEngineKit.Mirror heardByB = SharedEngineKit.Mirror.attach(b);
      engine.failWritesOf(Set.of("y"));
      ZhikuException e = assertThrows(ZhikuException.class, () -> a.putAll(List.of(item("x"), item("y"), item("z"))));
      assertTrue(e.getMessage().contains("\"y\""), e.getMessage());
      assertEquals(Map.of("x", 1L, "z", 1L), heardByA.versions(), "the writer's listeners heard what was stored");
      assertEquals(2, a.catalog().size());
      assertTrue(b.get("x").isPresent() && b.get("y").isEmpty() && b.get("z").isPresent(), "get shows what was stored");
      b.refresh();
      assertEquals(Map.of("x", 1L, "z", 1L), heardByB.versions(), "and the other instance follows it");
      assertEquals(2, a.lastSequence(), "one sequence number per stored change");
      engine.failWritesOf(Set.of());
      a.putAll(List.of(item("x"), item("y"), item("z")));
      b.refresh();
      assertEquals(Map.of("x", 2L, "y", 1L, "z", 2L), heardByB.versions());
    }
  }

  @Test
  void withAtomicBatches_aFailedBatchStoresNothing() {
    SharedMemoryEngine engine = new SharedMemoryEngine(true);
    try (KnowledgeBase a = open(engine); KnowledgeBase b = open(engine)) {
      SharedEngineKit.Mirror heardByB = SharedEngineKit.Mirror.attach(b);
      engine.failWritesOf(Set.of("y"));
      assertThrows(ZhikuException.class, () -> a.putAll(List.of(item("x"), item("y"), item("z"))));
      assertTrue(a.get("x").isEmpty() && a.get("z").isEmpty());
      b.refresh();
      assertEquals(Map.of(), heardByB.versions());
      assertEquals(0, a.lastSequence());
    }
  }

  private static KnowledgeItem item(String id) {
    return KnowledgeItem.builder(id, ItemKind.SOLUTION, "Item " + id).acl(Acl.PUBLIC).build();
  }

  /** Batches all or nothing. */
  @Nested
  class Atomic extends SharedEngineKit {
    @Override
    protected KnowledgeBaseBuilder newKnowledgeBase() {
      return newStore().open();
    }

    @Override
    protected Store newStore() {
      return new SharedMemoryEngine(true);
    }
  }

  /** Each change of a batch on its own, as on a cluster's shards. */
  @Nested
  class PerItem extends SharedEngineKit {
    @Override
    protected KnowledgeBaseBuilder newKnowledgeBase() {
      return newStore().open();
    }

    @Override
    protected Store newStore() {
      return new SharedMemoryEngine(false);
    }
  }
}
