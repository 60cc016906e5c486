package io.zhiku.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.StorageException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.spi.EngineCapability;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Durability and sequence numbers, for engines that keep data ({@link Capability#REOPEN}) and that can be
 * crashed in process ({@link Capability#CRASH}): what was committed survives a close or a crash, exactly;
 * what was not is gone whole; sequence numbers continue where the committed ones stopped (on a {@link
 * EngineCapability#SHARED shared} engine, where they count each instance's own changes, a reopened
 * instance starts from 0); the taxonomy is kept with the items.
 */
public abstract class DurabilityKit extends EngineKit {
  /** The ids {@link #work} writes: {@code k0} to {@code k29}. */
  protected static final int IDS = 30;

  /**
   * A new store that can be opened again and, for {@link Capability#CRASH}, crashed.
   *
   * @param random for engines that simulate faults at random points; seeded by the test
   * @return the store
   */
  protected abstract Store newStore(Random random);

  @Override
  protected final Store newStore() {
    return newStore(new Random(0));
  }

  private static KnowledgeBase open(Store store) {
    return store.open().refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).build();
  }

  @Test
  void committedItemsAndSequenceSurviveReopen() {
    requires(Capability.REOPEN);
    Store store = newStore();
    try (KnowledgeBase kb = open(store)) {
      kb.putAll(List.of(item("a", "A", Acl.PUBLIC), item("b", "B", Acl.PUBLIC)));
      assertEquals(2, kb.commit());
      kb.delete("b");
    } // close commits the delete
    try (KnowledgeBase kb = open(store)) {
      // A shared engine's sequence numbers count one instance's changes, and a new instance has made none.
      boolean shared = kb.engineCapabilities().contains(EngineCapability.SHARED);
      long before = shared ? 0 : 3;
      assertEquals(before, kb.committedSequence());
      assertEquals(before, kb.lastSequence());
      assertEquals("A", kb.get("a").orElseThrow().title());
      assertTrue(kb.get("b").isEmpty());
      assertEquals(2, kb.put(kb.get("a").orElseThrow()).version());
      assertEquals(before + 1, kb.lastSequence(), shared ? "this instance's first change" : "sequence numbers continue across restarts");
      kb.refresh();
      assertEquals(Set.of("a"), ids(kb.search(SearchRequest.builder(ALICE).build())));
    }
  }

  @Test
  void taxonomyIsKeptWithTheItems() {
    requires(Capability.REOPEN);
    Taxonomy taxonomy = Taxonomy.builder().scheme(ConceptScheme.of("ind", "en", "Industry"))
        .concept(Concept.builder("education", "ind").prefLabel("en", "Education").build()).build();
    Store store = newStore();
    try (KnowledgeBase kb = store.open().taxonomy(taxonomy).build()) {
      kb.put(item("a", "Campus", Acl.PUBLIC).toBuilder().concepts("education").build());
    }
    try (KnowledgeBase kb = open(store)) {
      assertEquals(taxonomy, kb.taxonomy());
      kb.refresh();
      assertEquals(Set.of("a"), ids(kb.search(SearchRequest.builder(ALICE).concepts("education").build())));
    }
  }

  /**
   * The stored titles by id: the state crash tests compare.
   *
   * @param kb the knowledge base
   * @return the title of each stored item among the ids {@link #work} writes
   */
  protected static Map<String, String> state(KnowledgeBase kb) {
    Map<String, String> out = new TreeMap<>();
    for (int i = 0; i < IDS; i++) {
      kb.get("k" + i).ifPresent(item -> out.put(item.id(), item.title()));
    }
    return out;
  }

  /**
   * An FAQ everyone may read.
   *
   * @param id the id
   * @param title the title
   * @return the item
   */
  protected static KnowledgeItem faq(String id, String title) {
    return KnowledgeItem.builder(id, ItemKind.FAQ, title).body("body of " + title).acl(Acl.PUBLIC).build();
  }

  /**
   * Random puts, deletes and commits, stopping at the first {@link StorageException} (any other exception
   * fails the test).
   *
   * @param r the randomness
   * @param kb the knowledge base to write
   * @param steps how many changes and commits to try
   * @return the committed states a reopened store may show (more than one when a commit failed late)
   */
  protected static List<Map<String, String>> work(Random r, KnowledgeBase kb, int steps) {
    Map<String, String> current = new TreeMap<>();
    List<Map<String, String>> acceptable = new ArrayList<>(List.of(new TreeMap<>()));
    for (int step = 0; step < steps; step++) {
      String id = "k" + r.nextInt(IDS);
      try {
        switch (r.nextInt(6)) {
          case 0 -> {
            if (kb.delete(id)) {
              current.remove(id);
            }
          }
          case 1 -> {
            Map<String, String> attempted = new TreeMap<>(current);
            acceptable.add(attempted); // if the commit fails late, it may still have reached the disk
            kb.commit();
            acceptable.clear();
            acceptable.add(attempted);
          }
          default -> {
            String title = "t" + step;
            kb.put(faq(id, title));
            current.put(id, title);
          }
        }
      } catch (StorageException e) {
        return acceptable; // the engine failed; what counts is what was committed
      }
    }
    return acceptable;
  }

  /**
   * Abandons a knowledge base whose store crashed or failed: whatever its close does is irrelevant.
   *
   * @param kb the knowledge base
   */
  protected static void abandon(KnowledgeBase kb) {
    try {
      kb.close();
    } catch (RuntimeException expected) {
      // the store is gone or broken; only what was committed before counts
    }
  }

  @RepeatedTest(20)
  void crashAtARandomPoint_keepsExactlyACommittedState(Random r) {
    requires(Capability.CRASH);
    Store store = newStore(r);
    KnowledgeBase kb = open(store);
    List<Map<String, String>> acceptable = work(r, kb, 20 + r.nextInt(120));
    store.crash();
    abandon(kb);
    try (KnowledgeBase reopened = open(store)) {
      Map<String, String> state = state(reopened);
      assertTrue(acceptable.contains(state), "state after crash " + state + " is one of the committed " + acceptable);
      assertEquals(reopened.committedSequence(), reopened.lastSequence());
      reopened.put(faq("k0", "after"));
      assertEquals(reopened.committedSequence() + 1, reopened.lastSequence(), "sequence numbers continue");
    }
  }
}
