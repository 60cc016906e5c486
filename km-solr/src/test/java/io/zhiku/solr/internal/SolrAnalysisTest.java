package io.zhiku.solr.internal;

import io.zhiku.analysis.TextAnalyzers;
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
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.FieldAnalysisRequest;
import org.apache.solr.client.solrj.response.AnalysisResponseBase.AnalysisPhase;
import org.apache.solr.client.solrj.response.AnalysisResponseBase.TokenInfo;
import org.apache.solr.client.solrj.response.FieldAnalysisResponse;
import org.apache.solr.cloud.SolrCloudTestCase;
import org.junit.AssumptionViolatedException;
import org.junit.BeforeClass;
import org.junit.Test;
import org.opentest4j.TestAbortedException;

/**
 * Solr analyses text exactly as the embedded engine does: the configset's text fields, declared by SPI
 * names on a node of an in-process SolrCloud (Solr's field analysis handler), give the tokens, offsets
 * and positions of km-analysis's {@link TextAnalyzers}, over real text: the seed articles (Chinese and
 * English) and every line of the BQ and LCQMC dev sets (from {@code ../shared/data}; skipped without it
 * unless {@code ZHIKU_REQUIRE_DATA=1}).
 */
public class SolrAnalysisTest extends SolrCloudTestCase {
  private static final String COLLECTION = "analysis";
  /** About how many characters one analysis request carries: whole lines, joined by new lines. */
  private static final int CHUNK = 16_000;

  @BeforeClass
  public static void startCluster() throws Exception {
    configureCluster(1).configure();
    SolrCollections.ensure(cluster.getSolrClient(), "zhiku", COLLECTION, 1, 1);
    cluster.waitForActiveCollection(COLLECTION, 1, 1);
  }

  @Test
  public void seedArticles_analyseAsInTheEmbeddedEngine() throws Exception {
    Path seeds = data("seeds/000_dab17797290ee67b.txt").getParent();
    List<Path> files;
    try (Stream<Path> s = Files.list(seeds)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    assertEquals("the five seed articles", 5, files.size());
    int chunks = 0;
    for (Path f : files) {
      chunks += assertSameTokens(f);
    }
    assertTrue(chunks >= 5);
  }

  @Test
  public void bqQuestions_analyseAsInTheEmbeddedEngine() throws Exception {
    assertTrue(assertSameTokens(data("bq/dev.csv")) > 10);
  }

  @Test
  public void lcqmcQuestions_analyseAsInTheEmbeddedEngine() throws Exception {
    assertTrue(assertSameTokens(data("lcqmc/dev.csv")) > 10);
  }

  /** Compares every line of a file, sent in chunks of whole lines; returns how many chunks. */
  private static int assertSameTokens(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int chunks = 0;
    StringBuilder chunk = new StringBuilder();
    for (String line : lines) {
      chunk.append(line).append('\n');
      if (chunk.length() >= CHUNK) {
        assertSameTokens(file, chunk.toString());
        chunk.setLength(0);
        chunks++;
      }
    }
    if (chunk.length() > 0) {
      assertSameTokens(file, chunk.toString());
      chunks++;
    }
    return chunks;
  }

  private static void assertSameTokens(Path file, String text) throws IOException {
    FieldAnalysisRequest request = new FieldAnalysisRequest();
    request.setMethod(SolrRequest.METHOD.POST); // the text is far too long for a URL
    request.setFieldNames(List.of("title", "text_chars", "suggest_word", "suggest_full"));
    request.setFieldValue(text);
    request.setQuery(text);
    FieldAnalysisResponse response;
    try {
      response = request.process(cluster.getSolrClient(), COLLECTION);
    } catch (org.apache.solr.client.solrj.SolrServerException e) {
      throw new IOException(e);
    }
    String where = file.getFileName() + " at \"" + text.substring(0, Math.min(40, text.length())) + "\"";
    try (Analyzer words = TextAnalyzers.words(); Analyzer characters = TextAnalyzers.characters();
        Analyzer suggestWord = TextAnalyzers.suggestIndex(true); Analyzer suggestFull = TextAnalyzers.suggestIndex(false);
        Analyzer suggestQuery = TextAnalyzers.suggestQuery()) {
      assertTokensEqual("words, " + where, embedded(words, text), solr(response.getFieldNameAnalysis("title").getIndexPhases()));
      assertTokensEqual("characters, " + where, embedded(characters, text),
          solr(response.getFieldNameAnalysis("text_chars").getIndexPhases()));
      assertTokensEqual("suggestion words, " + where, embedded(suggestWord, text),
          solr(response.getFieldNameAnalysis("suggest_word").getIndexPhases()));
      assertTokensEqual("suggestion prefixes, " + where, embedded(suggestFull, text),
          solr(response.getFieldNameAnalysis("suggest_full").getIndexPhases()));
      assertTokensEqual("typed suggestion words, " + where, embedded(suggestQuery, text),
          solr(response.getFieldNameAnalysis("suggest_word").getQueryPhases()));
    }
  }

  /** Equal token lists; on a difference, says where the first one is rather than printing both lists. */
  private static void assertTokensEqual(String what, List<String> embedded, List<String> solr) {
    for (int i = 0; i < Math.min(embedded.size(), solr.size()); i++) {
      assertEquals(what + ": token " + i, embedded.get(i), solr.get(i));
    }
    assertEquals(what + ": number of tokens", embedded.size(), solr.size());
    assertFalse(what + ": no tokens at all", embedded.isEmpty());
  }

  /** The final tokens of Solr's analysis: term, offsets and absolute position. */
  private static List<String> solr(Iterable<AnalysisPhase> phases) {
    AnalysisPhase last = null;
    for (AnalysisPhase p : phases) {
      last = p;
    }
    List<String> out = new ArrayList<>();
    for (TokenInfo t : last.getTokens()) {
      out.add(t.getText() + "@" + t.getStart() + "-" + t.getEnd() + "#" + t.getPosition());
    }
    return out;
  }

  /** The same, from the embedded engine's analyzer (positions counted from 1, as Solr reports them). */
  private static List<String> embedded(Analyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("f", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int position = 0;
      while (ts.incrementToken()) {
        position += increment.getPositionIncrement();
        out.add(term + "@" + offset.startOffset() + "-" + offset.endOffset() + "#" + position);
      }
      ts.end();
    }
    return out;
  }

  /** A shared data file; JUnit 4 skips on its own assumption type. */
  private static Path data(String relative) {
    try {
      return SharedData.require(relative);
    } catch (TestAbortedException e) {
      throw new AssumptionViolatedException(e.getMessage());
    }
  }
}
