package io.zhiku.analysis.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zhiku.analysis.TextAnalyzers;
import io.zhiku.core.ValidationException;
import io.zhiku.testkit.Seeded;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Seeded
class UserQueryParserTest {
  static Analyzer words;
  static Analyzer chars;
  static UserQueryParser parser;
  static DirectoryReader reader;
  static IndexSearcher searcher;

  static final String[][] DOCS = {
    {"a", "统一身份认证方案", "Single sign-on for 30,000 students"},
    {"b", "知識管理與組織學習", "Knowledge management and organisational learning"},
    {"c", "客户关系管理 CRM", "Customer relationship management for the sales team"},
    {"d", "身份证办理", "How to apply for an identity card"},
  };

  @BeforeAll
  static void index() throws IOException {
    words = TextAnalyzers.words();
    chars = TextAnalyzers.characters();
    parser = new UserQueryParser(words, Map.of("title", 2f, "body", 1f), chars, "text_chars", 1f, UserQueryParser.Limits.DEFAULTS);
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    Analyzer perField = new PerFieldAnalyzerWrapper(words, Map.of("text_chars", chars));
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(perField))) {
      for (String[] d : DOCS) {
        Document doc = new Document();
        doc.add(new StringField("id", d[0], Field.Store.YES));
        doc.add(new StringField("acl", "secret-group", Field.Store.NO));
        doc.add(new TextField("title", d[1], Field.Store.NO));
        doc.add(new TextField("body", d[2], Field.Store.NO));
        doc.add(new TextField("text_chars", d[1] + "\n" + d[2], Field.Store.NO));
        w.addDocument(doc);
      }
    }
    reader = DirectoryReader.open(dir);
    searcher = new IndexSearcher(reader);
  }

  @AfterAll
  static void close() throws IOException {
    reader.close();
    words.close();
    chars.close();
  }

  static Set<String> hits(String text) throws IOException {
    Optional<Query> q = parser.parse(text);
    Set<String> out = new TreeSet<>();
    if (q.isPresent()) {
      for (ScoreDoc sd : searcher.search(q.get(), 10).scoreDocs) {
        out.add(searcher.storedFields().document(sd.doc).get("id"));
      }
    }
    return out;
  }

  static String top(String text) throws IOException {
    return searcher.storedFields().document(searcher.search(parser.parse(text).orElseThrow(), 1).scoreDocs[0].doc).get("id");
  }

  @Test
  void words_rankedOr() throws IOException {
    assertEquals("a", top("统一身份认证"));
    assertEquals("b", top("知识管理"), "simplified query, traditional title");
    assertEquals("c", top("CRM sales"));
    assertTrue(hits("identity management").containsAll(List.of("b", "c", "d")));
  }

  @Test
  void phrases_exactAfterFolding() throws IOException {
    assertEquals(Set.of("a"), hits("\"sign-on\""));
    assertEquals(Set.of("b"), hits("\"組織學習\""));
    assertEquals(Set.of(), hits("\"学习组织\""), "order matters in a phrase");
    assertEquals(Set.of("a"), hits("\"single sign"), "unclosed quote runs to the end");
  }

  @Test
  void plusAndMinus() throws IOException {
    assertEquals(Set.of("a", "d"), hits("身份"));
    assertEquals(Set.of("d"), hits("身份 -认证"));
    assertEquals(Set.of("a"), hits("身份 +认证"));
    assertEquals(Set.of("c"), hits("management -\"knowledge management\""));
    assertTrue(parser.parse("-认证").isEmpty(), "no positive clause");
  }

  @Test
  void orIsTheDefault() throws IOException {
    assertEquals(hits("CRM identity"), hits("CRM OR identity"));
    assertEquals(Set.of("a"), hits("or single"), "lower-case or is a word (here a stop word)");
  }

  @Test
  void fieldSyntax_isJustText_andNeverReachesOtherFields() {
    for (String text : List.of("acl:secret-group", "id:a", "acl:*", "+acl:secret-group", "title:知识 OR acl:x")) {
      Optional<Query> q = parser.parse(text);
      Set<String> fields = new TreeSet<>();
      q.ifPresent(query -> query.visit(new QueryVisitor() {
        @Override
        public void consumeTerms(Query query, Term... terms) {
          for (Term t : terms) {
            fields.add(t.field());
          }
        }

        @Override
        public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
          return this;
        }
      }));
      assertTrue(Set.of("title", "body", "text_chars").containsAll(fields), text + " touched " + fields);
    }
  }

  /** Hostile input and what it gets: a query (which must also run) or the documented exception. */
  static List<Object[]> hostile() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {"deep nesting", "(".repeat(900) + "知识" + ")".repeat(90), "ok"});
    rows.add(new Object[] {"deep quote nesting", "\"\"\"\"".repeat(240), "empty"});
    rows.add(new Object[] {"huge input", "知识".repeat(600), "over the limit of 1000"});
    rows.add(new Object[] {"many clauses", "a1 ".repeat(65), "65 clauses, over the limit of 64"});
    rows.add(new Object[] {"many terms", "知识管理系统方案客户".repeat(60), "expands to more than 512 terms"});
    rows.add(new Object[] {"regex", "/.*a{1,100000}[^x]+/ foo.*bar", "ok"});
    rows.add(new Object[] {"leading wildcard", "*ledge ?anagement", "ok"});
    rows.add(new Object[] {"lucene syntax", "title:x^100 AND NOT (y~2 OR [a TO z]) && || !", "ok"});
    rows.add(new Object[] {"control characters", "知识\u0000管理\u0007\u001b[31m\r\n", "ok"});
    rows.add(new Object[] {"lone surrogates", "\uD800知识\uDFFF管理\uD83D", "ok"});
    rows.add(new Object[] {"only punctuation", "!!! ??? ... ---", "empty"});
    rows.add(new Object[] {"only stop words", "the of and", "empty"});
    rows.add(new Object[] {"empty", "", "empty"});
    rows.add(new Object[] {"only minus", "-知识 -管理", "empty"});
    rows.add(new Object[] {"null", null, "a value is required"});
    rows.add(new Object[] {"emoji and scripts", "😀 Знание ナレッジ 지식", "ok"});
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void hostileQuery_getsDocumentedOutcome(String name, String text, String expected) throws IOException {
    if (expected.equals("ok") || expected.equals("empty")) {
      Optional<Query> q = parser.parse(text);
      assertEquals(expected.equals("empty"), q.isEmpty(), name);
      if (q.isPresent()) {
        searcher.search(q.get(), 10); // must run, not only parse
      }
    } else {
      ValidationException e = assertThrows(ValidationException.class, () -> parser.parse(text), name);
      assertEquals("query", e.field());
      assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
  }

  @RepeatedTest(20)
  void randomInput_queryThatRunsOrValidationException(Random r) throws IOException {
    String alphabet = "知识管理身份认证 abcXYZ\"+-():*?~^[]{}\\/!&|\u0000\t\n\uD800\uDC00😀ＡＢ";
    for (int i = 0; i < 200; i++) {
      StringBuilder s = new StringBuilder();
      for (int k = r.nextInt(120); k > 0; k--) {
        s.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      try {
        Optional<Query> q = parser.parse(s.toString());
        if (q.isPresent()) {
          searcher.search(q.get(), 5);
        }
      } catch (ValidationException expected) {
        assertEquals("query", expected.field());
      } catch (RuntimeException | StackOverflowError other) {
        fail("undocumented " + other + " for " + s, other);
      }
    }
  }

  @Test
  void limits_validated() {
    assertThrows(ValidationException.class, () -> new UserQueryParser.Limits(0, 1, 1));
    assertFalse(UserQueryParser.lex("a OR b").stream().anyMatch(c -> c.text().equals("OR")));
  }
}
