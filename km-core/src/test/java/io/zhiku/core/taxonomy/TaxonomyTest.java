package io.zhiku.core.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.NotFoundException;
import io.zhiku.core.ValidationException;
import io.zhiku.core.json.ZhikuJson;
import io.zhiku.core.testing.SampleTaxonomy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaxonomyTest {
  @Test
  void hierarchyQueries() {
    Taxonomy t = SampleTaxonomy.sample();
    assertEquals(Set.of("education", "health"), t.broader("smart-campus"));
    assertEquals(Set.of("education", "health"), t.narrower("public"));
    assertEquals(List.of("education", "health", "public"), List.copyOf(t.ancestors("smart-campus")));
    assertEquals(Set.of("education", "health", "smart-campus"), t.descendants("public"));
    assertEquals(Set.of(), t.descendants("smart-campus"));
    assertEquals(Set.of(), t.ancestors("public"));
  }

  @Test
  void pathsToTop_polyhierarchyHasOnePathPerParent() {
    assertEquals(List.of(List.of("public", "education", "smart-campus"), List.of("public", "health", "smart-campus")),
        SampleTaxonomy.sample().pathsToTop("smart-campus"));
    assertEquals(List.of(List.of("finance")), SampleTaxonomy.sample().pathsToTop("finance"));
  }

  @Test
  void depth_isShortestDistanceToATop() {
    Taxonomy t = SampleTaxonomy.sample().edit(b -> b.concept(Concept.builder("k12", "industry").broader("smart-campus", "public").build()));
    assertEquals(0, t.depth("public"));
    assertEquals(2, t.depth("smart-campus"));
    assertEquals(1, t.depth("k12"), "via its direct parent public, not via smart-campus");
  }

  @Test
  void siblings_shareAParent_orAreTopsOfTheSameScheme() {
    Taxonomy t = SampleTaxonomy.sample();
    assertEquals(Set.of("health"), t.siblings("education"));
    assertEquals(Set.of(), t.siblings("smart-campus"));
    assertEquals(Set.of("finance"), t.siblings("public"));
    assertEquals(Set.of("delivery"), t.siblings("proposal"));
  }

  @Test
  void topConcepts_explicitOrRootsOfTheScheme() {
    Taxonomy t = SampleTaxonomy.sample();
    assertEquals(Set.of("public", "finance"), t.topConcepts("industry"));
    assertEquals(Set.of("proposal", "delivery"), t.topConcepts("stage"));
    assertThrows(NotFoundException.class, () -> t.topConcepts("nope"));
    assertEquals(5, t.conceptsInScheme("industry").size());
  }

  @Test
  void related_isSymmetric() {
    assertEquals(Set.of("health"), SampleTaxonomy.sample().related("education"));
    assertEquals(Set.of("education"), SampleTaxonomy.sample().related("health"));
  }

  @Test
  void unknownConcept_notFound() {
    NotFoundException e = assertThrows(NotFoundException.class, () -> SampleTaxonomy.sample().ancestors("mars"));
    assertEquals("mars", e.id());
    assertTrue(e.getMessage().contains("\"mars\""), e.getMessage());
  }

  @Test
  void findByLabel_foldsCaseWidthAndTraditionalChinese() {
    Taxonomy t = SampleTaxonomy.sample();
    assertEquals(List.of("education"), SampleTaxonomy.ids(t.findByLabel("education")));
    assertEquals(List.of("education"), SampleTaxonomy.ids(t.findByLabel("ＥＤＵＣＡＴＩＯＮ")), "full-width");
    assertEquals(List.of("education"), SampleTaxonomy.ids(t.findByLabel("edu")), "alternative label");
    assertEquals(List.of("education"), SampleTaxonomy.ids(t.findByLabel("教育")), "same in both scripts");
    assertEquals(List.of("smart-campus"), SampleTaxonomy.ids(t.findByLabel("智慧校園")), "traditional finds simplified");
    assertEquals(List.of("finance"), SampleTaxonomy.ids(t.findByLabel("金融业")), "simplified finds traditional");
    assertEquals(List.of("smart-campus"), SampleTaxonomy.ids(t.findByLabel("智能校园")), "hidden label");
    assertEquals(List.of(), t.findByLabel("IND-7"), "notations are not labels");
    assertEquals(List.of("public"), SampleTaxonomy.ids(t.findByLabel("public   SECTOR")), "white space collapsed");
    assertEquals(List.of(), t.findByLabel("nothing"));
  }

  @Test
  void findByLabel_ambiguous_prefMatchesFirst() {
    Taxonomy t = SampleTaxonomy.sample().edit(b -> b.concept(Concept.builder("crm", "stage").prefLabel("en", "CRM").build()));
    assertEquals(List.of("crm", "smart-campus", "finance"), SampleTaxonomy.ids(t.findByLabel("crm")));
  }

  @Test
  void findByLabel_worksUnderTurkishLocale() {
    // Surefire runs under tr-TR; "I".toLowerCase() there is a dotless ı. Lookup must not depend on it.
    Taxonomy t = Taxonomy.builder().scheme(ConceptScheme.of("s", "en", "S"))
        .concept(Concept.builder("it", "s").prefLabel("en", "INFORMATION TECHNOLOGY").build()).build();
    assertEquals(List.of("it"), SampleTaxonomy.ids(t.findByLabel("information technology")));
  }

  @Test
  void cycle_refusedNamingTheCycle_builderUnchanged() {
    Taxonomy.Builder b = SampleTaxonomy.sample().toBuilder();
    Concept closing = Concept.builder("public", "industry").broader("smart-campus").prefLabel("en", "Public sector").build();
    TaxonomyCycleException e = assertThrows(TaxonomyCycleException.class, () -> b.concept(closing));
    assertEquals("public", e.cycle().get(0));
    assertEquals("public", e.cycle().get(e.cycle().size() - 1));
    assertTrue(e.getMessage().contains("public → smart-campus → education → public")
        || e.getMessage().contains("public → smart-campus → health → public"), e.getMessage());
    assertEquals(SampleTaxonomy.sample(), b.build(), "the refused edit left the builder as it was");
  }

  @Test
  void selfBroader_refused() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> Concept.builder("a", "s").broader("a").build());
    assertTrue(e.getMessage().contains("a → a"), e.getMessage());
  }

  @Test
  void build_danglingReferences_refusedNamingBoth() {
    Taxonomy.Builder b = Taxonomy.builder().scheme(ConceptScheme.of("s", "en", "S"))
        .concept(Concept.builder("a", "s").broader("ghost").build());
    ValidationException e = assertThrows(ValidationException.class, b::build);
    assertTrue(e.getMessage().contains("ghost") && e.getMessage().contains("concept a"), e.getMessage());
    Taxonomy.Builder noScheme = Taxonomy.builder().concept(Concept.builder("a", "nowhere").build());
    assertThrows(ValidationException.class, noScheme::build);
  }

  @Test
  void removeConcept_dropsReferences_childrenStay() {
    Taxonomy t = SampleTaxonomy.sample().edit(b -> b.removeConcept("education"));
    assertFalse(t.contains("education"));
    assertEquals(Set.of("health"), t.broader("smart-campus"));
    assertEquals(Set.of(), t.related("health"));
    assertThrows(NotFoundException.class, () -> SampleTaxonomy.sample().edit(b -> b.removeConcept("ghost")));
  }

  @Test
  void removeScheme_onlyWhenEmpty() {
    assertThrows(ValidationException.class, () -> SampleTaxonomy.sample().edit(b -> b.removeScheme("stage")));
    Taxonomy t = SampleTaxonomy.sample().edit(b -> b.removeConcept("proposal").removeConcept("delivery").removeScheme("stage"));
    assertTrue(t.scheme("stage").isEmpty());
  }

  @Test
  void snapshots_areIndependentOfLaterEdits() {
    Taxonomy before = SampleTaxonomy.sample();
    Taxonomy after = before.edit(b -> b.concept(Concept.builder("k12", "industry").broader("education").build()));
    assertFalse(before.contains("k12"));
    assertTrue(after.descendants("public").contains("k12"));
    assertFalse(before.descendants("public").contains("k12"));
    assertNotEquals(before, after);
  }

  @Test
  void topConceptOf_mustBeInTheScheme() {
    assertThrows(ValidationException.class, () -> new Concept("a", null, Set.of("s"), null, null, null, null, null,
        null, null, null, Set.of("other")));
  }

  @Test
  void concept_prefLabelFallbacks() {
    Concept c = SampleTaxonomy.sample().concept("education").orElseThrow();
    assertEquals("教育", c.prefLabel("zh-Hant"));
    assertEquals("Education", c.prefLabel("fr"), "falls back to English");
    assertEquals("教育", Concept.builder("x", "s").prefLabel("zh", "教育").build().prefLabel("zh-Hans"), "base language");
    assertEquals("x", Concept.builder("x", "s").build().prefLabel("en"), "no labels: the id");
  }

  @Test
  void concept_json_roundTrip() {
    for (Concept c : SampleTaxonomy.sample().concepts()) {
      assertEquals(c, ZhikuJson.read(ZhikuJson.write(c), Concept.class));
    }
  }

  @Test
  void twoPrefLabelsInOneLanguage_refused() {
    assertThrows(ValidationException.class,
        () -> new Concept("a", null, Set.of("s"), java.util.Map.of("EN", "x", "en", "y"), null, null, null, null, null,
            null, null, null));
  }

}
