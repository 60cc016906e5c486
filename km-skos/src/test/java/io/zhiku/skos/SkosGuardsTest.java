package io.zhiku.skos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Label;
import io.zhiku.core.taxonomy.Note;
import io.zhiku.core.taxonomy.Taxonomy;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The guards an import streams through: hostile files are refused with a {@link SkosImportException}
 * naming the limit and the position (never a {@link StackOverflowError}, never U+FFFD in a label), and
 * legitimate files that look like them (brackets in strings, quotes in comments, escapes, other
 * encodings declared properly) still import.
 */
class SkosGuardsTest {
  private static final String PREFIXES = SkosTest.PREFIXES;
  private static final String RDF_XML_HEAD = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
      + "xmlns:skos=\"http://www.w3.org/2004/02/skos/core#\">";

  private static Taxonomy read(byte[] bytes, SkosFormat format, SkosOptions options) {
    return Skos.read(new ByteArrayInputStream(bytes), format, options);
  }

  private static Taxonomy turtle(String text) {
    return read(text.getBytes(StandardCharsets.UTF_8), SkosFormat.TURTLE, SkosOptions.DEFAULTS);
  }

  private static SkosImportException refused(byte[] bytes, SkosFormat format, SkosOptions options, String message) {
    SkosImportException e = assertThrows(SkosImportException.class, () -> read(bytes, format, options));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    return e;
  }

  private static SkosImportException refused(String text, SkosFormat format, String message) {
    return refused(text.getBytes(StandardCharsets.UTF_8), format, SkosOptions.DEFAULTS, message);
  }

  @Test
  void turtle_blankNodesNestedDeep_areRefusedAtTheLimitNotByTheStack() {
    String deep = PREFIXES + "ex:c a skos:Concept ; skos:note " + "[ skos:note ".repeat(2000) + "\"x\"" + " ]".repeat(2000) + " .";
    SkosImportException e = refused(deep, SkosFormat.TURTLE, "nested more than 64 deep (SkosOptions.maxDepth)");
    assertEquals(3, e.line());
    String lists = PREFIXES + "ex:c a skos:Concept ; skos:note " + "(".repeat(100_000) + ")".repeat(100_000) + " .";
    refused(lists, SkosFormat.TURTLE, "nested more than 64 deep");
    // Within the limit, nesting is fine.
    String ok = PREFIXES + "ex:c a skos:Concept ; skos:prefLabel \"c\"@en ; skos:note " + "[ skos:note ".repeat(60) + "\"x\""
        + " ]".repeat(60) + " .";
    assertEquals(Map.of("en", "c"), turtle(ok).concept("c").orElseThrow().prefLabels());
  }

  @Test
  void turtle_bracketsAndQuotesInStringsCommentsAndNames_areNotSyntax() {
    String text = PREFIXES
        + "# a comment with \"quotes\", 'apostrophes' and [[[[[[ brackets\n"
        + "ex:c a skos:Concept ;\n"
        + "  skos:prefLabel \"[[[[ ((( \\\" ]]\"@en ;\n"
        + "  skos:altLabel '''long ''string'' with \" and ((((((((''' ;\n"
        + "  skos:hiddenLabel \"\"\"triple \"\"quoted\"\" [[[\"\"\" ;\n"
        + "  skos:note \"\" ;\n"
        + "  skos:scopeNote \"\"\"line one\nline two (((\"\"\"@en ;\n"
        + "  skos:related ex:d\\#1 .\n"
        + "ex:d\\#1 a skos:Concept .\n";
    Taxonomy t = read(text.getBytes(StandardCharsets.UTF_8), SkosFormat.TURTLE, SkosOptions.DEFAULTS.withStructureLimits(1, 1 << 20));
    Concept c = t.concept("c").orElseThrow();
    assertEquals("[[[[ ((( \" ]]", c.prefLabels().get("en"));
    assertEquals(Set.of(Label.of("long ''string'' with \" and ((((((((", "")), c.altLabels());
    assertEquals(Set.of("1"), c.related()); // ex:d\#1 is <http://example.org/kb/d#1>, whose local name is "1"
  }

  /**
   * RDF4J 5.3's Turtle parser loops without reading on "{@code (ex:b .}" inside a collection, reporting
   * statements until the statement limit stops it (half a minute at the default limit). The watchdog
   * refuses it after ten thousand statements without a read; an unclosed list at the end of the file is
   * refused at the end.
   */
  @Test
  void turtle_aParserLoopingWithoutReading_isStoppedAtOnce() {
    String looping = PREFIXES + "ex:a a skos:Concept ;\n  skos:narrower (ex:b .\nex:c a skos:Concept ; skos:prefLabel \"c\"@en .\n"
        + "ex:d a skos:Concept .\n";
    refused(looping, SkosFormat.TURTLE, "statements without reading further");
    refused(PREFIXES + "ex:a skos:note ( \"x\" ", SkosFormat.TURTLE, "the file ends inside 1 unclosed");
    refused(PREFIXES + "ex:a skos:note \"\"\"x ", SkosFormat.TURTLE, "the file ends inside a string");
  }

  @Test
  void turtle_overLongLiteralsNamesAndComments_areRefusedAsTheyStream() {
    SkosOptions small = SkosOptions.DEFAULTS.withStructureLimits(64, 1000);
    byte[] literal = (PREFIXES + "ex:c a skos:Concept ; skos:prefLabel \"" + "x".repeat(5000) + "\" .").getBytes(StandardCharsets.UTF_8);
    refused(literal, SkosFormat.TURTLE, small, "a string is longer than 1000 characters (SkosOptions.maxLiteralChars)");
    byte[] longString = (PREFIXES + "ex:c skos:prefLabel \"\"\"" + "x\"".repeat(3000) + "\"\"\" .").getBytes(StandardCharsets.UTF_8);
    refused(longString, SkosFormat.TURTLE, small, "a string is longer than 1000");
    byte[] iri = (PREFIXES + "<http://example.org/" + "a".repeat(5000) + "> a skos:Concept .").getBytes(StandardCharsets.UTF_8);
    refused(iri, SkosFormat.TURTLE, small, "an IRI is longer than 1000");
    byte[] name = (PREFIXES + "ex:" + "a".repeat(5000) + " a skos:Concept .").getBytes(StandardCharsets.UTF_8);
    refused(name, SkosFormat.TURTLE, small, "a name is longer than 1000");
    byte[] comment = (PREFIXES + "#" + "a".repeat(5000) + "\nex:c a skos:Concept .").getBytes(StandardCharsets.UTF_8);
    refused(comment, SkosFormat.TURTLE, small, "a comment is longer than 1000");
  }

  @Test
  void turtle_latin1AndOverlongUtf8_areRefusedWithTheirPosition() {
    byte[] latin1 = (PREFIXES + "ex:c a skos:Concept ; skos:prefLabel \"caf\u00e9\"@fr .").getBytes(StandardCharsets.ISO_8859_1);
    SkosImportException e = refused(latin1, SkosFormat.TURTLE, SkosOptions.DEFAULTS, "not valid UTF-8: malformed bytes E9 at byte offset");
    assertEquals(3, e.line());
    byte[] good = (PREFIXES + "ex:c a skos:Concept ; skos:prefLabel \"a/b\"@fr .").getBytes(StandardCharsets.UTF_8);
    int slash = new String(good, StandardCharsets.UTF_8).indexOf("a/b") + 1;
    byte[] overlong = new byte[good.length + 1];
    System.arraycopy(good, 0, overlong, 0, slash);
    overlong[slash] = (byte) 0xC0; // '/' as two bytes: an overlong encoding
    overlong[slash + 1] = (byte) 0xAF;
    System.arraycopy(good, slash + 1, overlong, slash + 2, good.length - slash - 1);
    refused(overlong, SkosFormat.TURTLE, SkosOptions.DEFAULTS, "malformed bytes C0 at byte offset " + slash);
    byte[] whole = "<urn:zhiku:concept:c> <urn:p> \"\u4e2d".getBytes(StandardCharsets.UTF_8);
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 1); // the last character cut in two
    refused(truncated, SkosFormat.TURTLE, SkosOptions.DEFAULTS, "not valid UTF-8");
  }

  @Test
  void rdfXml_deepElementsAndXmlLiterals_areRefusedAtTheLimit() {
    String deep = "<?xml version=\"1.0\"?>" + RDF_XML_HEAD + "<skos:Concept rdf:about=\"urn:zhiku:concept:c\">"
        + "<skos:note rdf:parseType=\"Literal\">" + "<a>".repeat(100_000) + "</a>".repeat(100_000) + "</skos:note></skos:Concept></rdf:RDF>";
    SkosImportException e = refused(deep, SkosFormat.RDF_XML, "elements are nested more than 64 deep (SkosOptions.maxDepth)");
    assertEquals(1, e.line());
  }

  @Test
  void rdfXml_longRunsWithoutMarkup_areRefused() {
    SkosOptions small = SkosOptions.DEFAULTS.withStructureLimits(64, 1000);
    String text = RDF_XML_HEAD + "<skos:Concept rdf:about=\"urn:zhiku:concept:c\"><skos:prefLabel>" + "x>".repeat(2000)
        + "</skos:prefLabel></skos:Concept></rdf:RDF>";
    refused(text.getBytes(StandardCharsets.UTF_8), SkosFormat.RDF_XML, small, "runs longer than 1000 characters (SkosOptions.maxLiteralChars)");
    String attribute = RDF_XML_HEAD + "<skos:Concept rdf:about=\"urn:zhiku:concept:" + "c".repeat(5000) + "\"/></rdf:RDF>";
    refused(attribute.getBytes(StandardCharsets.UTF_8), SkosFormat.RDF_XML, small, "runs longer than 1000");
  }

  @Test
  void rdfXml_readsTheEncodingItDeclaresStrictly() {
    String body = RDF_XML_HEAD + "<skos:Concept rdf:about=\"urn:zhiku:concept:c\"><skos:prefLabel xml:lang=\"fr\">caf\u00e9 \u00e0 la cr\u00e8me"
        + "</skos:prefLabel></skos:Concept></rdf:RDF>";
    Charset latin1 = StandardCharsets.ISO_8859_1;
    byte[] declared = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + body).getBytes(latin1);
    assertEquals("caf\u00e9 \u00e0 la cr\u00e8me", read(declared, SkosFormat.RDF_XML, SkosOptions.DEFAULTS).concept("c").orElseThrow()
        .prefLabels().get("fr"));
    byte[] undeclared = ("<?xml version=\"1.0\"?>" + body).getBytes(latin1); // Latin-1 bytes, read as the default UTF-8
    refused(undeclared, SkosFormat.RDF_XML, SkosOptions.DEFAULTS, "not valid UTF-8: malformed bytes");
    byte[] utf16 = ("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + body).getBytes(StandardCharsets.UTF_16BE);
    assertEquals("caf\u00e9 \u00e0 la cr\u00e8me", read(utf16, SkosFormat.RDF_XML, SkosOptions.DEFAULTS).concept("c").orElseThrow()
        .prefLabels().get("fr"));
    byte[] noBom = ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + body).getBytes(StandardCharsets.UTF_16LE);
    assertEquals("caf\u00e9 \u00e0 la cr\u00e8me", read(noBom, SkosFormat.RDF_XML, SkosOptions.DEFAULTS).concept("c").orElseThrow()
        .prefLabels().get("fr"));
    byte[] bom = ("\uFEFF<?xml version=\"1.0\"?>" + body).getBytes(StandardCharsets.UTF_8);
    assertEquals(1, read(bom, SkosFormat.RDF_XML, SkosOptions.DEFAULTS).size());
    byte[] unknown = ("<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?>" + body).getBytes(latin1);
    refused(unknown, SkosFormat.RDF_XML, SkosOptions.DEFAULTS, "names the encoding \"x-no-such-charset\"");
  }

  @Test
  void oneConceptGrowingPastWhatAConceptHolds_isRefusedAsItStreams() {
    StringBuilder many = new StringBuilder(PREFIXES + "ex:c a skos:Concept ; skos:altLabel ");
    for (int i = 0; i <= Concept.MAX_ENTRIES; i++) {
      many.append(i == 0 ? "" : ", ").append('"').append("label ").append(i).append('"');
    }
    refused(many.append(" .").toString(), SkosFormat.TURTLE, "has more than 1024 skos:altLabel values (a concept holds at most 1024)");
    // Narrower concepts and top concepts are the other ends' entries: a broad concept may have any number.
    StringBuilder wide = new StringBuilder(PREFIXES + "ex:s a skos:ConceptScheme .\nex:top skos:inScheme ex:s ; skos:narrower ");
    for (int i = 0; i < 2000; i++) {
      wide.append(i == 0 ? "" : ", ").append("ex:n").append(i);
    }
    assertEquals(2001, turtle(wide.append(" .").toString()).size());
    String longLabel = PREFIXES + "ex:c a skos:Concept ; skos:prefLabel \"" + "x".repeat(Label.MAX_CHARS + 1) + "\"@en .";
    refused(longLabel, SkosFormat.TURTLE, "has a skos:prefLabel of 513 characters; a label holds at most 512");
    String spaced = PREFIXES + "ex:c a skos:Concept ; skos:prefLabel \"a" + " ".repeat(2000) + "b\"@en .";
    assertEquals("a b", turtle(spaced).concept("c").orElseThrow().prefLabels().get("en"));
    String longNote = PREFIXES + "ex:c a skos:Concept ; skos:definition \"" + "x".repeat(Note.MAX_CHARS + 1) + "\"@en .";
    refused(longNote, SkosFormat.TURTLE, "a note holds at most 16384");
  }

  @Test
  void statementsTheImportDoesNotRead_areDroppedAsTheyArrive() {
    StringBuilder other = new StringBuilder(PREFIXES + "@prefix dc: <http://purl.org/dc/terms/> .\nex:c a skos:Concept ; skos:prefLabel \"c\"@en .\n");
    for (int i = 0; i < 20_000; i++) {
      other.append("ex:x").append(i).append(" dc:modified \"2020\" ; dc:creator \"someone\" .\n");
    }
    Taxonomy t = turtle(other.toString());
    assertEquals(1, t.size(), "subjects described only by other vocabularies are not concepts");
  }

  @Test
  void options_boundTheStructureLimits() {
    assertThrows(io.zhiku.core.ValidationException.class, () -> SkosOptions.DEFAULTS.withStructureLimits(0, 10));
    assertThrows(io.zhiku.core.ValidationException.class, () -> SkosOptions.DEFAULTS.withStructureLimits(SkosOptions.MAX_DEPTH + 1, 10));
    assertThrows(io.zhiku.core.ValidationException.class, () -> SkosOptions.DEFAULTS.withStructureLimits(8, 0));
    assertEquals(64, SkosOptions.DEFAULTS.maxDepth());
    assertEquals(64, new SkosOptions("urn:a:", "urn:b:", "d", 10, 10).maxDepth());
  }
}
