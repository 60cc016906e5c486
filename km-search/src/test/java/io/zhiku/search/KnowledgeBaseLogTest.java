package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the knowledge base logs for its operators (the test binding, slf4j-simple, writes to standard
 * error): what opening and closing did, and a warning when items name concepts the taxonomy lacks, at open
 * or when a taxonomy is set; a taxonomy that holds them all is quiet.
 */
class KnowledgeBaseLogTest {
  @TempDir
  Path dir;

  private static Taxonomy taxonomy(String... concepts) {
    Taxonomy.Builder b = Taxonomy.builder().scheme(ConceptScheme.of("industry", "en", "Industry"));
    for (String c : concepts) {
      b.concept(Concept.builder(c, "industry").prefLabel("en", c).build());
    }
    return b.build();
  }

  private static String logOf(Runnable work) {
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      work.run();
    } finally {
      System.setErr(before);
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  private static String opening(Path where) {
    return logOf(() -> KnowledgeBase.open(where).close());
  }

  private static KnowledgeItem item(String id, String... concepts) {
    return KnowledgeItem.builder(id, ItemKind.FAQ, id).body(id).concepts(concepts).acl(Acl.PUBLIC).build();
  }

  @Test
  void itemsNamingConceptsTheTaxonomyLacks_areWarnedOfAtOpen() {
    try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).taxonomy(taxonomy("education")).build()) {
      kb.put(KnowledgeItem.builder("a", ItemKind.FAQ, "A").body("a").concepts("education", "health", "finance").acl(Acl.PUBLIC)
          .build());
      kb.put(KnowledgeItem.builder("b", ItemKind.FAQ, "B").body("b").concepts("health").acl(Acl.PUBLIC).build());
    }
    String log = opening(dir);
    assertTrue(log.contains("WARN") && log.contains("items name 2 concepts the taxonomy of 1 concepts lacks, e.g. [finance, health]"),
        log);

    try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
      kb.setTaxonomy(taxonomy("education", "health", "finance"));
    }
    assertFalse(opening(dir).contains("concepts the taxonomy"), "a taxonomy that holds them opens quietly");
  }

  @Test
  void openAndClose_sayWhatWasReadAndCommitted() {
    String first = logOf(() -> {
      try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).taxonomy(taxonomy("education")).build()) {
        kb.putAll(List.of(item("a", "education"), item("b")));
        kb.record(UsageEvent.ofItem(UsageEventType.VIEW, kb.clock().instant(),
            Principal.of("alice"), "a"));
      }
    });
    assertTrue(first.contains("INFO") && first.contains("closed: changes up to 2 and events up to 1 committed"), first);

    String reopened = opening(dir);
    assertTrue(reopened.contains("opened the knowledge base (lucene in " + dir + ") in "), reopened);
    assertTrue(reopened.contains(": 2 items read in ") && reopened.contains("changes up to 2 and events up to 1 committed, "
        + "taxonomy of 1 concepts; 1 usage events counted for popularity in "), reopened);
  }

  /** Setting a taxonomy warns the same way, of the concepts live items name: not of those no item names any more. */
  @Test
  void aTaxonomySetLater_isCheckedAgainstTheLiveItems() {
    try (KnowledgeBase kb = KnowledgeBase.builder().taxonomy(taxonomy("education", "health", "finance")).build()) {
      kb.put(item("a", "education", "finance"));
      kb.put(item("b", "health"));
      kb.put(item("b", "education")); // no live item names health now

      String narrower = logOf(() -> kb.setTaxonomy(taxonomy("education")));
      assertTrue(narrower.contains("WARN") && narrower.contains("taxonomy set: items name 1 concepts the taxonomy of 1 "
          + "concepts lacks, e.g. [finance]"), narrower);

      assertFalse(logOf(() -> kb.setTaxonomy(taxonomy("education", "finance"))).contains("concepts the taxonomy"),
          "a taxonomy that holds every concept in use is set quietly");
    }
  }
}
