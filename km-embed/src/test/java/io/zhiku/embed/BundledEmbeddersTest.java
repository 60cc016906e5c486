package io.zhiku.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.TextEmbedder;
import io.zhiku.testkit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BundledEmbeddersTest {
  private static double cos(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  private static void paraphraseIsCloser(TextEmbedder e, String text, String paraphrase, String unrelated) {
    float[] t = e.embed(text);
    double near = cos(t, e.embed(paraphrase));
    double far = cos(t, e.embed(unrelated));
    assertTrue(near > far + 0.1, e.name() + ": cos(paraphrase) " + near + " vs cos(unrelated) " + far);
  }

  @Test
  void chinese_namesItsModel_andPlacesParaphrasesClose() {
    TextEmbedder zh = BundledEmbedders.chinese();
    assertEquals("bge-small-zh-v1-5-q", zh.name());
    assertEquals(512, zh.dimensions());
    assertSame(zh, BundledEmbedders.chinese(), "loaded once, shared");
    paraphraseIsCloser(zh, "怎么申请贷款", "如何办理借款业务", "今天食堂几点开门");
    paraphraseIsCloser(zh, "VPN连不上怎么办", "远程办公网络无法连接", "年度销售冠军名单");
  }

  @Test
  void english_namesItsModel_andPlacesParaphrasesClose() {
    TextEmbedder en = BundledEmbedders.english();
    assertEquals("bge-small-en-v1-5-q", en.name());
    assertEquals(384, en.dimensions());
    paraphraseIsCloser(en, "How do I reset my password?", "I forgot my login credentials", "The cafeteria opens at noon");
  }

  @Test
  void deterministic_finite_notZero_evenForEmptyAndLongText_andAcrossThreads() throws Exception {
    for (TextEmbedder e : List.of(BundledEmbedders.chinese(), BundledEmbedders.english())) {
      for (String text : List.of("", "知识管理", "knowledge ".repeat(2000))) {
        float[] v = e.embed(text);
        assertEquals(e.dimensions(), v.length);
        double norm = 0;
        for (float x : v) {
          assertTrue(Float.isFinite(x));
          norm += x * x;
        }
        assertTrue(norm > 0, e.name() + ": a zero vector for \"" + text.substring(0, Math.min(20, text.length())) + "\"");
        assertArrayEquals(v, e.embed(text), "the same text, the same vector");
      }
      assertArrayEquals(e.embed(""), e.embed(" \n"), "every blank text gets the one fixed vector");
      float[] expected = e.embed("客户关系管理系统 CRM rollout");
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<float[]>> all = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          all.add(pool.submit(() -> e.embed("客户关系管理系统 CRM rollout")));
        }
        for (Future<float[]> f : all) {
          assertArrayEquals(expected, f.get(), "concurrent calls agree");
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** One dependency away: the bundled model ranks the paraphrase first among the items the words matched. */
  @Test
  void knowledgeBase_withTheChineseModel_ranksByMeaning() {
    Principal p = Principal.of("alice");
    try (KnowledgeBase kb = KnowledgeBase.builder().embedder(BundledEmbedders.chinese()).clock(new TestClock())
        .refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).build()) {
      kb.putAll(List.of(
          KnowledgeItem.builder("loan", ItemKind.FAQ, "如何办理借款业务").acl(Acl.PUBLIC).build(),
          KnowledgeItem.builder("canteen", ItemKind.FAQ, "怎么查询食堂开门时间").acl(Acl.PUBLIC).build()));
      kb.refresh();
      List<String> ids = kb.search(SearchRequest.builder(p).text("怎么申请贷款").build()).hits().stream()
          .map(h -> h.item().id()).toList();
      assertEquals("loan", ids.get(0), "by words alone the canteen question ranks first; the meaning puts the loan first: " + ids);
    }
  }
}
