package io.zhiku.skos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Published SKOS files often name concepts by relative IRIs ({@code rdf:about="10002944"}). Resolving
 * them and minting ids are separate: relative IRIs resolve against {@link SkosOptions#baseIri()}, or a
 * file's own location; ids come from the resolved IRIs. And a taxonomy written with custom options reads
 * back equal with the same options, through files as through streams.
 */
class SkosRelativeIriTest {
  private static final String RELATIVE_RDF = """
      <?xml version="1.0" encoding="UTF-8"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:skos="http://www.w3.org/2004/02/skos/core#">
        <skos:ConceptScheme rdf:about="thesaurus"><skos:prefLabel xml:lang="en">Thesaurus</skos:prefLabel></skos:ConceptScheme>
        <skos:Concept rdf:about="10002944">
          <skos:prefLabel xml:lang="en">Education</skos:prefLabel>
          <skos:inScheme rdf:resource="thesaurus"/>
        </skos:Concept>
        <skos:Concept rdf:about="10002945">
          <skos:prefLabel xml:lang="en">Higher education</skos:prefLabel>
          <skos:broader rdf:resource="10002944"/>
          <skos:inScheme rdf:resource="thesaurus"/>
        </skos:Concept>
      </rdf:RDF>
      """;
  private static final String RELATIVE_TTL = """
      @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
      <thesaurus> a skos:ConceptScheme .
      <10002944> a skos:Concept ; skos:prefLabel "Education"@en ; skos:inScheme <thesaurus> .
      <10002945> a skos:Concept ; skos:prefLabel "Higher education"@en ; skos:broader <10002944> ; skos:inScheme <thesaurus> .
      """;

  @TempDir
  Path dir;

  @Test
  void aFileWithRelativeIris_resolvesThemAgainstItsOwnLocation() throws Exception {
    for (String name : new String[] {"thesaurus.rdf", "thesaurus.ttl"}) {
      Path file = dir.resolve(name);
      Files.writeString(file, name.endsWith(".rdf") ? RELATIVE_RDF : RELATIVE_TTL);
      Taxonomy t = Skos.read(file);
      assertEquals(Set.of("10002944"), t.concept("10002945").orElseThrow().broader(), name);
      String uri = t.concept("10002944").orElseThrow().uri(); // file:/... or file:///..., as each parser writes it
      assertTrue(uri.startsWith("file:") && uri.endsWith(dir.toAbsolutePath() + "/10002944"), name + ": " + uri);
      assertEquals(Set.of("thesaurus"), t.concept("10002944").orElseThrow().schemes(), name);
    }
  }

  @Test
  void aBaseIri_resolvesRelativeIris_inFilesAndStreams() throws Exception {
    SkosOptions options = SkosOptions.DEFAULTS.withBaseIri("http://vocabularies.example.org/thesaurus/");
    Path file = dir.resolve("thesaurus.rdf");
    Files.writeString(file, RELATIVE_RDF);
    Taxonomy fromFile = Skos.read(file, options);
    Taxonomy fromStream = Skos.read(new ByteArrayInputStream(RELATIVE_TTL.getBytes(StandardCharsets.UTF_8)), SkosFormat.TURTLE, options);
    for (Taxonomy t : new Taxonomy[] {fromFile, fromStream}) {
      assertEquals("http://vocabularies.example.org/thesaurus/10002944", t.concept("10002944").orElseThrow().uri());
      assertEquals("Higher education", t.concept("10002945").orElseThrow().prefLabels().get("en"));
    }
    // The base only resolves references: a resolved IRI under conceptBase still gives its rest as the id, without a uri.
    SkosOptions underBase = new SkosOptions("http://kb.example.com/concept/", "http://kb.example.com/scheme/", "default",
        1 << 20, 10_000).withBaseIri("http://kb.example.com/concept/");
    Taxonomy minted = Skos.read(file, underBase);
    assertEquals(Set.of("10002944"), minted.concept("10002945").orElseThrow().broader());
    assertNull(minted.concept("10002945").orElseThrow().uri());
  }

  @Test
  void aStreamWithRelativeIrisAndNoBase_isRefusedWithWhatToDo() {
    SkosImportException e = assertThrows(SkosImportException.class,
        () -> Skos.read(new ByteArrayInputStream(RELATIVE_TTL.getBytes(StandardCharsets.UTF_8)), SkosFormat.TURTLE, SkosOptions.DEFAULTS));
    assertTrue(e.getMessage().contains("relative IRI") && e.getMessage().contains("SkosOptions.withBaseIri"), e.getMessage());
    assertEquals(2, e.line());
  }

  @Test
  void writeAndReadWithCustomOptions_roundTripsThroughFiles() {
    SkosOptions custom = new SkosOptions("http://kb.example.com/concept/", "http://kb.example.com/scheme/", "default", 1 << 20, 10_000);
    Taxonomy t = Taxonomy.builder().scheme(ConceptScheme.of("industry", "en", "Industry"))
        .concept(Concept.builder("education", "industry").prefLabel("en", "Education").build())
        .concept(Concept.builder("k12", "industry").prefLabel("en", "K-12").broader("education").build())
        .build();
    for (String name : new String[] {"custom.ttl", "custom.rdf"}) {
      Path file = dir.resolve(name);
      Skos.write(t, file, custom);
      Taxonomy again = Skos.read(file, custom);
      assertEquals(t, again, name);
      assertNull(again.concept("k12").orElseThrow().uri(), "minted under conceptBase: no uri of its own");
    }
  }

  @Test
  void baseIri_mustBeAbsolute() {
    assertThrows(io.zhiku.core.ValidationException.class, () -> SkosOptions.DEFAULTS.withBaseIri("relative/path"));
  }
}
