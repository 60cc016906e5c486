package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a knowledge base whose items name concepts its taxonomy lacks logs a warning naming how many and
 * which (the test binding, slf4j-simple, writes to standard error); a taxonomy that holds them all opens
 * quietly.
 */
class UnknownConceptsWarningTest {
  @TempDir
  Path dir;

  private static Taxonomy taxonomy(String... concepts) {
    Taxonomy.Builder b = Taxonomy.builder().scheme(ConceptScheme.of("industry", "en", "Industry"));
    for (String c : concepts) {
      b.concept(Concept.builder(c, "industry").prefLabel("en", c).build());
    }
    return b.build();
  }

  private String opening(Path where) {
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      KnowledgeBase.open(where).close();
    } finally {
      System.setErr(before);
    }
    return err.toString(StandardCharsets.UTF_8);
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
}
