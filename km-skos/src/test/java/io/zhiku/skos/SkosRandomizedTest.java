package io.zhiku.skos;

import static org.junit.jupiter.api.Assertions.fail;

import io.zhiku.core.taxonomy.Concept;
import io.zhiku.testkit.Seeded;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Random corruptions of valid SKOS files (Turtle and RDF/XML): the import either gives a taxonomy or
 * throws the one documented exception, {@link SkosImportException} — never a parser's own exception,
 * a {@code ClassCastException} or an error.
 */
@Seeded
class SkosRandomizedTest {
  private static final String TOKENS = "<>\"'@^;,.:_#\\ \n{}[]()a0-é中&!";
  private static final String[] SNIPPETS = {
    " skos:broader ", " skos:prefLabel ", " a skos:Concept ", " skos:inScheme ", " skos:narrower ",
    "\"x\"@en", "\"y\"@en", " ex:a ", " <urn:zhiku:concept:a> ", " _:b ", " 42 ", "<!DOCTYPE x>", "</skos:Concept>",
    "<skos:broader rdf:resource=\"http://example.org/kb/public\"/>", "xml:lang=\"en\"", "rdf:about=\"\""
  };

  private static String resource(String name) throws IOException {
    try (InputStream in = SkosRandomizedTest.class.getResourceAsStream("/skos/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @RepeatedTest(30)
  void corruptedFiles_giveATaxonomyOrSkosImportException(Random r) throws IOException {
    for (String name : new String[] {"sales.ttl", "sales-narrower-only.ttl", "sales.rdf"}) {
      String original = resource(name);
      SkosFormat format = name.endsWith(".ttl") ? SkosFormat.TURTLE : SkosFormat.RDF_XML;
      for (int i = 0; i < 15; i++) {
        StringBuilder s = new StringBuilder(original);
        for (int m = 1 + r.nextInt(4); m > 0; m--) {
          int at = r.nextInt(s.length());
          switch (r.nextInt(4)) {
            case 0 -> s.delete(at, Math.min(s.length(), at + 1 + r.nextInt(12)));
            case 1 -> s.insert(at, TOKENS.charAt(r.nextInt(TOKENS.length())));
            case 2 -> s.insert(at, SNIPPETS[r.nextInt(SNIPPETS.length)]);
            default -> {
              int from = r.nextInt(s.length());
              int len = Math.min(1 + r.nextInt(80), s.length() - from);
              s.insert(at, s.substring(from, from + len));
            }
          }
        }
        byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        try {
          Skos.read(new ByteArrayInputStream(bytes), format, SkosOptions.DEFAULTS);
        } catch (SkosImportException expected) {
          // the documented outcome for bad input
        } catch (RuntimeException | Error other) {
          fail("undocumented " + other + " for " + format + ":\n" + s, other);
        }
      }
    }
  }
}
