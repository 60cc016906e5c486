package io.zhiku.analysis.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zhiku.analysis.TextAnalyzers;
import io.zhiku.testkit.Seeded;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@Seeded
class HighlightsTest {
  private static final String FIELD = "text_chars";
  private static Analyzer words;
  private static Analyzer chars;
  private static UserQueryParser parser;
  private static Highlights highlights;

  @BeforeAll
  static void open() {
    words = TextAnalyzers.words();
    chars = TextAnalyzers.characters();
    parser = new UserQueryParser(words, Map.of("title", 2f, "body", 1f), chars, FIELD, 1f, UserQueryParser.Limits.DEFAULTS);
    highlights = new Highlights(chars, FIELD);
  }

  @AfterAll
  static void close() {
    words.close();
    chars.close();
  }

  @Test
  void marker_marksEachTextOfAPageOnItsOwn() {
    Query query = parser.parse("身份认证 sharing \"single sign\"").orElseThrow();
    List<String> titles = List.of("统一身份认证方案", "Knowledge sharing", "无关标题", "Single sign-on for <b>campus</b>");
    List<String> bodies = List.of("为高校提供身份认证与单点登录。", "Nothing of the query here & there.",
        "sharing knowledge; single sign-on; 身份认证", "");
    Highlights.Marker marker = highlights.marker(query);
    for (int i = 0; i < titles.size(); i++) {
      assertEquals(highlights.marker(query).title(titles.get(i)), marker.title(titles.get(i)), titles.get(i));
      assertEquals(highlights.marker(query).snippet(bodies.get(i)), marker.snippet(bodies.get(i)), bodies.get(i));
    }
    Highlights.Marker page = highlights.marker(query);
    assertEquals("统一<em>身份认证</em>方案", page.title(titles.get(0)));
    assertEquals("Knowledge <em>sharing</em>", page.title(titles.get(1)));
    assertEquals("无关标题", page.title(titles.get(2)), "no mark carried over from the text before");
    assertEquals("<em>Single</em> <em>sign</em>-on for &lt;b&gt;campus&lt;/b&gt;", page.title(titles.get(3)));
    assertEquals("为高校提供<em>身份认证</em>与单点登录。", page.snippet(bodies.get(0)));
    assertEquals("Nothing of the query here &amp; there.", page.snippet(bodies.get(1)), "no match: the beginning");
    assertEquals("<em>sharing</em> knowledge; <em>single</em> <em>sign</em>-on; <em>身份认证</em>", page.snippet(bodies.get(2)));
    assertEquals("", page.snippet(bodies.get(3)));
    assertEquals("Second talks of <em>sharing</em>.  … Fourth on <em>身份认证</em>.",
        page.snippet("First has nothing. Second talks of sharing. Third is plain. Fourth on 身份认证."),
        "the body's best two sentences, after a title marked whole");
  }

  @Test
  void marker_withoutQuery_escapesOnly() {
    Highlights.Marker browse = highlights.marker(null);
    assertEquals("a &lt; b", browse.title("a < b"));
    assertEquals("x".repeat(160) + " …", browse.snippet("x".repeat(161)), "the first 160 characters");
  }

  @Test
  void leanScorer_scoresAsLucenesPassageScorer(Random r) {
    PassageScorer lucene = new PassageScorer();
    Highlights.LeanScorer lean = new Highlights.LeanScorer();
    String[] words = {"知", "识", "share", "crowd", "market", "身"};
    for (int round = 0; round < 500; round++) {
      Passage p = new Passage();
      int start = r.nextInt(400);
      int matches = r.nextInt(40);
      p.setStartOffset(start);
      p.setEndOffset(start + 14 * matches + 3 + r.nextInt(50));
      int at = start;
      for (int i = 0; i < matches; i++) {
        int w = r.nextInt(1 + r.nextInt(words.length));
        at += 1 + r.nextInt(12);
        p.addMatch(at, at + 2, new BytesRef(words[w]), 1 + w * 3 + r.nextInt(2)); // a term's frequency in the text
      }
      int contentLength = p.getEndOffset() + r.nextInt(500);
      assertEquals(lucene.score(p, contentLength), lean.score(p, contentLength), 0f, p.toString());
    }
  }
}
