package io.zhiku.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

class TextAnalyzersTest {
  static List<String> tokens(Analyzer a, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = a.tokenStream("f", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    }
    return out;
  }

  @Test
  void words_segmentChineseAndStemEnglishInOneField() throws IOException {
    try (Analyzer a = TextAnalyzers.words()) {
      List<String> t = tokens(a, "知识管理系统的Implementation of the customer's requirements");
      assertTrue(t.containsAll(List.of("知识", "管理", "系统", "implement", "custom", "requir")), t.toString());
      assertTrue(!t.contains("the") && !t.contains("of"), "English stop words removed: " + t);
      assertTrue(!t.contains("customer's") && !t.contains("customer"), "possessive removed, stemmed: " + t);
    }
  }

  @Test
  void characters_oneTokenPerHanCharacter_wordsForLatin() throws IOException {
    try (Analyzer a = TextAnalyzers.characters()) {
      assertEquals(List.of("知", "识", "管", "理", "crm", "system"), tokens(a, "知识管理 CRM Systems"));
    }
  }

  @Test
  void folding_fullWidthCaseAndTraditionalChinese() throws IOException {
    try (Analyzer a = TextAnalyzers.words()) {
      assertEquals(tokens(a, "crm 123"), tokens(a, "ＣＲＭ １２３"), "full-width folds to half-width");
      assertEquals(tokens(a, "知识和商业两张皮"), tokens(a, "知識和商業兩張皮"), "traditional folds to simplified");
      assertEquals(tokens(a, "资讯系统"), tokens(a, "資訊系統"));
    }
  }

  @Test
  void folding_worksUnderTurkishLocale() throws IOException {
    // Surefire runs tests under tr-TR: "I" must still fold to "i", not the dotless "ı".
    try (Analyzer a = TextAnalyzers.words()) {
      assertEquals(List.of("inform"), tokens(a, "INFORMATION"));
    }
  }

  @Test
  void offsets_pointIntoTheOriginalText() throws IOException {
    String text = "ＡＢＣ 知識管理";
    try (Analyzer a = TextAnalyzers.words(); TokenStream ts = a.tokenStream("f", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      List<String> spans = new ArrayList<>();
      while (ts.incrementToken()) {
        spans.add(term + "=" + text.substring(offset.startOffset(), offset.endOffset()));
      }
      ts.end();
      assertEquals(List.of("abc=ＡＢＣ", "知识=知識", "管理=管理"), spans);
    }
  }

  /** The seed articles: one of the Chinese ones is in traditional characters. */
  @Test
  void seedArticles_simplifiedQueryFindsTraditionalArticle_andTheReverse() throws IOException {
    Path dir = SharedData.require("seeds/002_07b2d5b93f91ad03.txt").getParent();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    try (Analyzer a = TextAnalyzers.words(); Directory d = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig(a))) {
        for (Path f : files) {
          Document doc = new Document();
          doc.add(new StringField("id", f.getFileName().toString().substring(0, 3), Field.Store.YES));
          doc.add(new TextField("body", Files.readString(f, StandardCharsets.UTF_8), Field.Store.NO));
          w.addDocument(doc);
        }
      }
      try (DirectoryReader r = DirectoryReader.open(d)) {
        IndexSearcher s = new IndexSearcher(r);
        assertEquals("002", top(s, a, "如何解决知识和商业两张皮"), "simplified query, traditional article");
        assertEquals("002", top(s, a, "集团客户部"), "simplified query, traditional article");
        assertEquals("001", top(s, a, "學習型組織"), "traditional query, simplified article");
        assertEquals("000", top(s, a, "chief knowledge officers"), "English, stemmed");
      }
    }
  }

  private static String top(IndexSearcher s, Analyzer a, String query) throws IOException {
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    for (String t : tokens(a, query)) {
      q.add(new TermQuery(new Term("body", t)), BooleanClause.Occur.SHOULD);
    }
    TopDocs top = s.search(q.build(), 1);
    return s.storedFields().document(top.scoreDocs[0].doc).get("id");
  }
}
