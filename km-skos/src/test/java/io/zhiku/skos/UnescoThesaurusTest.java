package io.zhiku.skos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.core.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UNESCO Thesaurus (shared/data/skos/unesco-thesaurus.ttl): 4,414 concepts with labels in English,
 * Spanish, French and Russian, a polyhierarchy stated with both broader and narrower, and 95
 * collections that are not concepts. Skipped when the file is absent, unless ZHIKU_REQUIRE_DATA=1.
 */
class UnescoThesaurusTest {
  private static final Logger LOG = LoggerFactory.getLogger(UnescoThesaurusTest.class);
  private static Taxonomy unesco;

  @BeforeAll
  static void importOnce() {
    Path file = SharedData.require("skos/unesco-thesaurus.ttl");
    long start = System.nanoTime();
    unesco = Skos.read(file);
    LOG.info("imported {} in {} ms (first import in this JVM, cold)", unesco, (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  void allConceptsWithLabelsInFourLanguages() {
    assertEquals(4414, unesco.size());
    assertEquals(1, unesco.schemes().size());
    Map<String, Long> byLanguage = unesco.concepts().stream()
        .flatMap(c -> c.prefLabels().keySet().stream())
        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    LOG.info("preferred labels by language: {}", byLanguage);
    assertEquals(Set.of("en", "es", "fr", "ru"), byLanguage.keySet());
    byLanguage.values().forEach(n -> assertTrue(n > 4000, byLanguage.toString()));
  }

  @Test
  void hierarchyAndLabelsAsInTheSource() {
    Concept c = unesco.concept("concept10").orElseThrow();
    assertEquals("Right to education", c.prefLabels().get("en"));
    assertEquals("Право на образование", c.prefLabels().get("ru"));
    assertEquals(Set.of("thesaurus"), c.topConceptOf());
    assertTrue(unesco.narrower("concept10").containsAll(Set.of("concept4938", "concept7597")));
    assertTrue(unesco.topConcepts("thesaurus").contains("concept10"));
    // "Ability grouping" has the alternative label "Streaming"; a case-folded lookup finds it.
    assertTrue(unesco.findByLabel("STREAMING").stream().anyMatch(x -> x.id().equals("concept1002")));
    assertTrue(unesco.findByLabel("Группирование по способностям").stream().anyMatch(x -> x.id().equals("concept1002")));
    long polyhierarchy = unesco.concepts().stream().filter(x -> x.broader().size() > 1).count();
    LOG.info("{} concepts have more than one broader concept", polyhierarchy);
    for (Concept x : unesco.concepts()) {
      assertFalse(unesco.ancestors(x.id()).contains(x.id()), x.id());
    }
  }

  @ParameterizedTest
  @EnumSource(SkosFormat.class)
  void exportThenImport_givesAnEqualTaxonomy(SkosFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long start = System.nanoTime();
    Skos.write(unesco, out, format, SkosOptions.DEFAULTS);
    long written = System.nanoTime();
    Taxonomy back = Skos.read(new ByteArrayInputStream(out.toByteArray()), format, SkosOptions.DEFAULTS);
    LOG.info("{}: exported {} bytes in {} ms, re-imported in {} ms", format, out.size(),
        (written - start) / 1_000_000, (System.nanoTime() - written) / 1_000_000);
    assertEquals(unesco, back);
  }
}
