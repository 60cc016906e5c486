package io.zhiku.skos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Label;
import io.zhiku.core.taxonomy.Note;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.core.taxonomy.TaxonomyCycleException;
import io.zhiku.core.testing.SampleTaxonomy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SkosTest {
  static Taxonomy resource(String name) {
    try (InputStream in = SkosTest.class.getResourceAsStream("/skos/" + name)) {
      SkosFormat format = name.endsWith(".ttl") ? SkosFormat.TURTLE : SkosFormat.RDF_XML;
      return Skos.read(in, format, SkosOptions.DEFAULTS);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static Taxonomy parse(String text, SkosFormat format) {
    return Skos.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), format, SkosOptions.DEFAULTS);
  }

  static final String PREFIXES = "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix ex: <http://example.org/kb/> .\n";

  @Test
  void turtle_mapsEverySkosProperty() {
    Taxonomy t = resource("sales.ttl");
    assertEquals(2, t.schemes().size());
    assertEquals(5, t.size());
    ConceptScheme industry = t.scheme("industry").orElseThrow();
    assertEquals("http://example.org/kb/industry", industry.uri());
    assertEquals("行业", industry.prefLabels().get("zh"));
    Concept sc = t.concept("smartCampus").orElseThrow();
    assertEquals("http://example.org/kb/smartCampus", sc.uri());
    assertEquals(Set.of("industry"), sc.schemes());
    assertEquals("智慧校園", sc.prefLabels().get("zh-Hant"));
    assertEquals(Set.of(Label.of("智能校园", "zh")), sc.hiddenLabels());
    assertEquals(Set.of("education", "health"), sc.broader());
    assertEquals(Set.of("proposal"), t.related("smartCampus"));
    assertEquals(Set.of("smartCampus"), t.related("proposal"));
    assertEquals(Set.of("IND-7"), sc.notations());
    assertEquals("Digital services for universities and schools.\nIncludes campus cards.", sc.scopeNotes().iterator().next().text());
    assertEquals(Set.of(Note.of("校园信息化整体方案", "zh")), sc.definitions());
    assertEquals(Set.of("industry"), t.concept("public").orElseThrow().topConceptOf());
    assertEquals(Set.of("public"), t.topConcepts("industry"));
    assertEquals(List.of("smartCampus"), SampleTaxonomy.ids(t.findByLabel("智慧校园")));
  }

  @Test
  void narrowerOnlySource_givesTheSameHierarchy() {
    Taxonomy both = resource("sales.ttl");
    Taxonomy narrowerOnly = resource("sales-narrower-only.ttl");
    assertEquals(both, narrowerOnly);
    assertEquals(both.pathsToTop("smartCampus"), narrowerOnly.pathsToTop("smartCampus"));
  }

  @Test
  void rdfXml_read() {
    Taxonomy t = resource("sales.rdf");
    assertEquals(Set.of("public"), t.broader("education"));
    assertEquals("教育", t.concept("education").orElseThrow().prefLabels().get("zh"));
  }

  @ParameterizedTest
  @EnumSource(SkosFormat.class)
  void exportThenImport_givesAnEqualTaxonomy(SkosFormat format) {
    for (Taxonomy original : List.of(resource("sales.ttl"), SampleTaxonomy.sample())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Skos.write(original, out, format, SkosOptions.DEFAULTS);
      Taxonomy back = Skos.read(new ByteArrayInputStream(out.toByteArray()), format, SkosOptions.DEFAULTS);
      assertEquals(original, back, format + "\n" + out.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void export_mintsIrisFromTheBases_andImportStripsThem() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Skos.write(SampleTaxonomy.sample(), out, SkosFormat.TURTLE, SkosOptions.DEFAULTS);
    String turtle = out.toString(StandardCharsets.UTF_8);
    assertTrue(turtle.contains("urn:zhiku:concept:smart-campus"), turtle);
    assertTrue(turtle.contains("urn:zhiku:scheme:industry"), turtle);
    assertTrue(turtle.contains("skos:narrower"), "narrower written too: " + turtle);
    assertNull(parse(turtle, SkosFormat.TURTLE).concept("smart-campus").orElseThrow().uri());
  }

  @Test
  void file_readAndWrite_formatFromExtension(@TempDir Path dir) {
    Taxonomy t = resource("sales.ttl");
    for (String name : List.of("t.ttl", "t.rdf")) {
      Path file = dir.resolve(name);
      Skos.write(t, file);
      assertEquals(t, Skos.read(file));
    }
    assertThrows(ValidationException.class, () -> Skos.read(dir.resolve("t.json")));
  }

  @Test
  void xmlDoctype_refused_externalEntityNeverExpanded(@TempDir Path dir) throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-VALUE");
    String xml = "<?xml version=\"1.0\"?>\n"
        + "<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\"> ]>\n"
        + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:skos=\"http://www.w3.org/2004/02/skos/core#\">\n"
        + "  <skos:Concept rdf:about=\"http://example.org/x\"><skos:prefLabel>&xxe;</skos:prefLabel></skos:Concept>\n"
        + "</rdf:RDF>\n";
    SkosImportException e = assertThrows(SkosImportException.class, () -> parse(xml, SkosFormat.RDF_XML));
    assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    assertFalse(e.getMessage().contains("TOP-SECRET-VALUE"), e.getMessage());
    assertEquals(2, e.line(), "the DOCTYPE's line");
  }

  @Test
  void malformedTurtle_reportsLineAndColumn() {
    String bad = PREFIXES + "ex:a a skos:Concept ;\n  skos:prefLabel \"unterminated@en .\n";
    SkosImportException e = assertThrows(SkosImportException.class, () -> parse(bad, SkosFormat.TURTLE));
    assertTrue(e.line() >= 4, "line " + e.line());
    assertTrue(e.getMessage().contains("line " + e.line()), e.getMessage());
  }

  @Test
  void sizeLimits_refuseBigInputs() {
    String ttl = PREFIXES + "ex:a a skos:Concept ; skos:prefLabel \"A\"@en .\nex:b a skos:Concept ; skos:prefLabel \"B\"@en .\n";
    byte[] bytes = ttl.getBytes(StandardCharsets.UTF_8);
    SkosImportException tooBig = assertThrows(SkosImportException.class,
        () -> Skos.read(new ByteArrayInputStream(bytes), SkosFormat.TURTLE, SkosOptions.DEFAULTS.withLimits(100, 1000)));
    assertTrue(tooBig.getMessage().contains("larger than 100 bytes"), tooBig.getMessage());
    SkosImportException tooMany = assertThrows(SkosImportException.class,
        () -> Skos.read(new ByteArrayInputStream(bytes), SkosFormat.TURTLE, SkosOptions.DEFAULTS.withLimits(10_000, 3)));
    assertTrue(tooMany.getMessage().contains("more than 3 statements"), tooMany.getMessage());
  }

  @Test
  void cycleInFile_refusedNamingConceptsOfTheCycle() {
    String ttl = PREFIXES + "ex:s a skos:ConceptScheme .\n"
        + "ex:a a skos:Concept ; skos:inScheme ex:s ; skos:broader ex:b .\n"
        + "ex:b a skos:Concept ; skos:inScheme ex:s ; skos:broader ex:c .\n"
        + "ex:c a skos:Concept ; skos:inScheme ex:s ; skos:broader ex:a .\n";
    SkosImportException e = assertThrows(SkosImportException.class, () -> parse(ttl, SkosFormat.TURTLE));
    assertTrue(e.getMessage().matches("(?s).*([abc]) → [abc] → [abc] → \\1.*"), e.getMessage());
    assertTrue(e.getCause() instanceof TaxonomyCycleException, String.valueOf(e.getCause()));
  }

  @Test
  void twoPrefLabelsInOneLanguage_refusedNamingConcept() {
    String ttl = PREFIXES + "ex:a a skos:Concept ; skos:prefLabel \"One\"@en , \"Two\"@en .\n";
    SkosImportException e = assertThrows(SkosImportException.class, () -> parse(ttl, SkosFormat.TURTLE));
    assertTrue(e.getMessage().contains("http://example.org/kb/a") && e.getMessage().contains("\"One\""), e.getMessage());
  }

  @Test
  void conceptsWithoutScheme_joinTheOnlySchemeOrTheDefault() {
    Taxonomy one = parse(PREFIXES + "ex:s a skos:ConceptScheme .\nex:a a skos:Concept .\n", SkosFormat.TURTLE);
    assertEquals(Set.of("s"), one.concept("a").orElseThrow().schemes());
    Taxonomy none = parse(PREFIXES + "ex:a a skos:Concept ; skos:broader ex:b .\nex:b a skos:Concept .\n", SkosFormat.TURTLE);
    assertEquals(Set.of("default"), none.concept("a").orElseThrow().schemes());
    SkosImportException e = assertThrows(SkosImportException.class, () -> parse(
        PREFIXES + "ex:s1 a skos:ConceptScheme .\nex:s2 a skos:ConceptScheme .\nex:a a skos:Concept .\n", SkosFormat.TURTLE));
    assertTrue(e.getMessage().contains("http://example.org/kb/a"), e.getMessage());
  }

  @Test
  void labelsWithLineBreaks_collapsed_otherControls_refusedNamingTheResource() {
    Taxonomy t = parse(PREFIXES + "ex:a a skos:Concept ; skos:prefLabel \"Smart\\n  campus\"@en ; skos:altLabel \"S\\tC\"@en .\n",
        SkosFormat.TURTLE);
    assertEquals("Smart campus", t.concept("a").orElseThrow().prefLabels().get("en"));
    assertEquals(Set.of(Label.of("S C", "en")), t.concept("a").orElseThrow().altLabels());
    SkosImportException e = assertThrows(SkosImportException.class, () -> parse(
        PREFIXES + "ex:s a skos:ConceptScheme ; skos:prefLabel \"bad\\u0007bell\"@en .\n", SkosFormat.TURTLE));
    assertTrue(e.getMessage().contains("concept scheme <http://example.org/kb/s>"), e.getMessage());
  }

  @Test
  void idClash_refusedNamingBothIris() {
    String ttl = PREFIXES + "<http://one.example/x> a skos:Concept .\n<http://two.example/x> a skos:Concept .\n";
    SkosImportException e = assertThrows(SkosImportException.class, () -> parse(ttl, SkosFormat.TURTLE));
    assertTrue(e.getMessage().contains("http://one.example/x") && e.getMessage().contains("http://two.example/x"), e.getMessage());
  }

  @Test
  void blankNodeConcept_refused() {
    SkosImportException e = assertThrows(SkosImportException.class,
        () -> parse(PREFIXES + "[] a skos:Concept ; skos:prefLabel \"anon\" .\n", SkosFormat.TURTLE));
    assertTrue(e.getMessage().contains("blank node"), e.getMessage());
  }

  @Test
  void broaderPointingAtAScheme_refused() {
    String ttl = PREFIXES + "ex:s a skos:ConceptScheme .\nex:a a skos:Concept ; skos:inScheme ex:s ; skos:broader ex:s .\n";
    SkosImportException e = assertThrows(SkosImportException.class, () -> parse(ttl, SkosFormat.TURTLE));
    assertTrue(e.getMessage().contains("skos:broader"), e.getMessage());
  }

  @Test
  void badFile_leavesTheExistingTaxonomyUntouched() {
    Taxonomy base = resource("sales.ttl");
    Taxonomy copy = base.toBuilder().build();
    String bad = PREFIXES + "ex:education a skos:Concept ; skos:inScheme ex:industry ; skos:broader ex:smartCampus .\n";
    assertThrows(SkosImportException.class, () -> Skos.readInto(base,
        new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), SkosFormat.TURTLE, SkosOptions.DEFAULTS));
    assertEquals(copy, base);
    assertEquals(Set.of("public"), base.broader("education"));
  }

  @Test
  void readInto_addsAndReplaces() {
    Taxonomy base = resource("sales.ttl");
    String more = PREFIXES + "ex:industry a skos:ConceptScheme .\n"
        + "ex:k12 a skos:Concept ; skos:inScheme ex:industry ; skos:broader ex:education ; skos:prefLabel \"K-12\"@en .\n";
    Taxonomy merged = Skos.readInto(base, new ByteArrayInputStream(more.getBytes(StandardCharsets.UTF_8)),
        SkosFormat.TURTLE, SkosOptions.DEFAULTS);
    assertEquals(6, merged.size());
    assertTrue(merged.descendants("public").contains("k12"));
    assertEquals(5, base.size());
  }

  @Test
  void options_validated() {
    assertThrows(ValidationException.class, () -> new SkosOptions("urn:x:", "urn:x:", "default", 1, 1));
    assertThrows(ValidationException.class, () -> SkosOptions.DEFAULTS.withLimits(0, 1));
    assertThrows(ValidationException.class, () -> new SkosOptions("not an iri", "urn:s:", "default", 1, 1));
  }
}
