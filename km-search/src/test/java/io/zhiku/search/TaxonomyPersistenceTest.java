package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.search.internal.LuceneIndexProvider;
import io.zhiku.testkit.Seeded;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.tests.store.MockDirectoryWrapper;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The taxonomy is stored with the items: it survives a reopen, a builder's taxonomy replaces it, a change
 * is durable with the next commit and atomic with it, and a filter on a concept the taxonomy lacks is
 * refused instead of silently matching nothing.
 */
@Seeded
class TaxonomyPersistenceTest {
  private static final Principal ANYONE = Principal.of("anyone");

  @TempDir
  Path dir;

  private static Taxonomy taxonomy(String... concepts) {
    Taxonomy.Builder b = Taxonomy.builder().scheme(ConceptScheme.of("industry", "en", "Industry"));
    String previous = null;
    for (String c : concepts) {
      Concept.Builder concept = Concept.builder(c, "industry").prefLabel("en", c.toUpperCase(java.util.Locale.ROOT)).altLabel("zh", c + "-zh");
      if (previous != null) {
        concept.broader(previous);
      }
      b.concept(concept.build());
      previous = c;
    }
    return b.build();
  }

  private static KnowledgeItem item(String id, String concept) {
    return KnowledgeItem.builder(id, ItemKind.CASE, "case " + id).concepts(concept).acl(Acl.PUBLIC).build();
  }

  private static long hits(KnowledgeBase kb, String concept) {
    return kb.search(SearchRequest.builder(ANYONE).concepts(concept).build()).totalHits();
  }

  @Test
  void reopenWithoutATaxonomy_keepsTheOneCommitted() {
    Taxonomy t = taxonomy("education", "higher-education");
    try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).taxonomy(t).build()) {
      kb.put(item("a", "higher-education"));
      kb.commit();
    }
    try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
      assertEquals(t, kb.taxonomy());
      assertTrue(kb.taxonomy().contains("education"));
      kb.refresh();
      assertEquals(1, hits(kb, "education"), "a filter on the broader concept finds the item under its narrower one");
    }
  }

  @Test
  void aBuilderTaxonomy_winsOverTheStoredOne_andIsStoredInItsPlace() {
    try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).taxonomy(taxonomy("education")).build()) {
      kb.put(item("a", "education"));
    } // close commits
    Taxonomy other = taxonomy("health", "hospitals");
    try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).taxonomy(other).build()) {
      assertEquals(other, kb.taxonomy());
      assertEquals("case a", kb.get("a").orElseThrow().title(), "items are kept, not re-classified");
      assertEquals(List.of("education"), List.copyOf(kb.get("a").orElseThrow().concepts()));
    }
    try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
      assertEquals(other, kb.taxonomy(), "the builder's taxonomy was stored in place of the old one");
    }
  }

  @Test
  void setTaxonomy_isDurableWithTheNextCommit() {
    Taxonomy first = taxonomy("education");
    Taxonomy second = taxonomy("education", "k12");
    try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).taxonomy(first).commitPolicy(CommitPolicy.manual()).build()) {
      kb.commit();
      kb.setTaxonomy(second);
      assertEquals(second, kb.taxonomy());
      kb.commit();
    }
    try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
      assertEquals(second, kb.taxonomy());
    }
  }

  @Test
  void aFilterOnAConceptTheTaxonomyLacks_isRefused() {
    try (KnowledgeBase kb = KnowledgeBase.builder().taxonomy(taxonomy("education")).build()) {
      kb.put(item("a", "education"));
      kb.refresh();
      ValidationException e = assertThrows(ValidationException.class, () -> hits(kb, "educaton"));
      assertEquals("SearchRequest.concepts", e.field());
      assertTrue(e.getMessage().contains("\"educaton\" is refused: is not a concept of the taxonomy"), e.getMessage());
      assertEquals(1, hits(kb, "education"));
    }
  }

  @Test
  void anInMemoryKnowledgeBase_withoutATaxonomy_hasAnEmptyOne() {
    try (KnowledgeBase kb = KnowledgeBase.inMemory()) {
      assertEquals(0, kb.taxonomy().size());
      assertFalse(kb.taxonomy().contains("education"));
    }
  }

  /**
   * Random interleavings of taxonomy changes, item writes and commits, then a crash (unsynced files lost
   * or corrupted): the reopened knowledge base holds the items and the taxonomy of one and the same
   * commit — never the taxonomy of one commit with the items of another.
   */
  @RepeatedTest(20)
  void aCrashBetweenTaxonomyChangesAndItemWrites_keepsAPairThatWasCommittedTogether(Random r) throws java.io.IOException {
    ByteBuffersDirectory base = new ByteBuffersDirectory();
    MockDirectoryWrapper mock = DurabilityTest.mock(r, base);
    KnowledgeBase kb = KnowledgeBase.builder().engine(LuceneIndexProvider.on(mock)).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).build();
    Map<String, String> items = new TreeMap<>();
    Taxonomy current = Taxonomy.empty();
    List<String> committed = new ArrayList<>(List.of(state(new TreeMap<>(), Taxonomy.empty())));
    for (int step = 0; step < 30 + r.nextInt(40); step++) {
      switch (r.nextInt(5)) {
        case 0 -> {
          current = taxonomy(r.nextBoolean() ? "education" : "health", "t" + step);
          kb.setTaxonomy(current);
        }
        case 1 -> {
          String attempted = state(items, current);
          kb.commit();
          committed.clear();
          committed.add(attempted);
        }
        default -> {
          String id = "k" + r.nextInt(10);
          kb.put(item(id, "t" + step));
          items.put(id, "t" + step);
        }
      }
    }
    mock.crash();
    try {
      kb.close();
    } catch (Throwable expected) {
      // the directory crashed; only what was committed counts
    }
    try (KnowledgeBase reopened = KnowledgeBase.builder().engine(LuceneIndexProvider.on(DurabilityTest.survivors(base)))
        .refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).build()) {
      Map<String, String> found = new TreeMap<>();
      for (int i = 0; i < 10; i++) {
        reopened.get("k" + i).ifPresent(it -> found.put(it.id(), it.concepts().iterator().next()));
      }
      String state = state(found, reopened.taxonomy());
      assertTrue(committed.contains(state), "after the crash " + state + ", committed " + committed);
    }
  }

  private static String state(Map<String, String> items, Taxonomy t) {
    return items + " taxonomy=" + t.concepts().stream().map(Concept::id).toList();
  }
}
