package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.kb.Progress;
import io.zhiku.core.kb.ProgressListener;
import io.zhiku.core.search.SearchHit;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.search.SimilarItem;
import io.zhiku.core.search.TextEmbedder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Semantic ranking through {@link KnowledgeBaseBuilder#embedder}, with a small embedder of topics. */
class SemanticRankingTest {
  private static final Principal READER = Principal.of("reader", List.of("staff"), List.of());
  private static final Map<String, Integer> MONEY_TRAVEL = Map.of("repay", 0, "refund", 0, "还款", 0, "payback", 0,
      "trip", 1, "journey", 1, "出差", 1);

  /** Embeds a text as counts of its words' topics (plus a small constant, so that no vector is zero). */
  static class TopicEmbedder implements TextEmbedder {
    final String name;
    final Map<String, Integer> topics;
    final AtomicInteger calls = new AtomicInteger();

    TopicEmbedder(String name, Map<String, Integer> topics) {
      this.name = name;
      this.topics = topics;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int dimensions() {
      return 3;
    }

    @Override
    public float[] embed(String text) {
      calls.incrementAndGet();
      float[] v = {0, 0, 0.1f};
      for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[\\s,]+")) {
        Integer topic = topics.get(word);
        if (topic != null) {
          v[topic]++;
        }
      }
      return v;
    }
  }

  private static KnowledgeBase open(Path dir, TextEmbedder embedder) {
    return open(dir, embedder, ProgressListener.NONE);
  }

  private static KnowledgeBase open(Path dir, TextEmbedder embedder, ProgressListener progress) {
    KnowledgeBaseBuilder b = KnowledgeBase.builder().refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual())
        .progressListener(progress);
    if (dir != null) {
      b.directory(dir);
    }
    if (embedder != null) {
      b.embedder(embedder);
    }
    return b.build();
  }

  private static void putCards(KnowledgeBase kb) {
    // Both match "card" alike; without meaning the tie goes to the smaller id, a1.
    kb.putAll(List.of(
        KnowledgeItem.builder("a1", ItemKind.SOLUTION, "card trip plan").acl(Acl.PUBLIC).build(),
        KnowledgeItem.builder("a2", ItemKind.SOLUTION, "card repay plan").acl(Acl.PUBLIC).build(),
        // About money but without the word: found by meaning alone.
        KnowledgeItem.builder("a3", ItemKind.SOLUTION, "refund policy").acl(Acl.PUBLIC).build(),
        // About money, with the word, hidden from the reader.
        KnowledgeItem.builder("a4", ItemKind.SOLUTION, "card refund secret").acl(Acl.groups("finance")).build()));
    kb.refresh();
  }

  private static List<String> ids(SearchResult r) {
    return r.hits().stream().map(SearchHit::item).map(KnowledgeItem::id).toList();
  }

  private static SearchResult search(KnowledgeBase kb, String text) {
    return kb.search(SearchRequest.builder(READER).text(text).build());
  }

  @Test
  void meaningReordersTheWordsMatches_andAddsTheNearestReadableItems_evenOneThatSharesNoWordWithTheQuery() {
    SearchResult plain;
    try (KnowledgeBase kb = open(null, null)) {
      putCards(kb);
      plain = search(kb, "card payback");
    }
    assertEquals(List.of("a1", "a2"), ids(plain));
    try (KnowledgeBase kb = open(null, new TopicEmbedder("topics", MONEY_TRAVEL))) {
      putCards(kb);
      // a2 matches a word and the meaning; a3 only the meaning (ranked below the best word match);
      // a1 only a word. a4, as near as a2, is hidden from the reader: neither listed nor counted.
      SearchResult semantic = search(kb, "card payback");
      assertEquals(List.of("a2", "a3", "a1"), ids(semantic));
      assertEquals(3, semantic.totalHits());
      assertEquals(List.of("a2", "a3", "a1"), ids(search(kb, "payback")), "no word matches: meaning alone");
      // The newest-first order is by time, and only the words decide what matches.
      assertEquals(plain.totalHits(), kb.search(SearchRequest.builder(READER).text("card payback")
          .order(SearchRequest.Order.NEWEST).build()).totalHits());
    }
  }

  @Test
  void similarItems_withAnEmbedder_includeTheNearestReadableByMeaning() {
    try (KnowledgeBase kb = open(null, null)) {
      putCards(kb);
      assertEquals(List.of(), kb.similarToText(READER, "payback", 10), "words alone: nothing shares a word");
    }
    try (KnowledgeBase kb = open(null, new TopicEmbedder("topics", MONEY_TRAVEL))) {
      putCards(kb);
      // The three readable items are the nearest (the knowledge base is small); a4, as near, is hidden.
      List<String> similar = kb.similarToText(READER, "payback", 10).stream().map(s -> s.item().id()).sorted().toList();
      assertEquals(List.of("a1", "a2", "a3"), similar);
      List<String> related = kb.similarTo(READER, "a3", 10).stream().map(s -> s.item().id()).sorted().toList();
      assertEquals(List.of("a1", "a2"), related, "the item itself left out, the hidden one never in");
    }
  }

  @Test
  void similarToText_leavingAStoredItemOut_letsItsNeighboursByMeaningJoin() {
    try (KnowledgeBase kb = open(null, new TopicEmbedder("topics", MONEY_TRAVEL))) {
      kb.putAll(List.of(
          KnowledgeItem.builder("x", ItemKind.SOLUTION, "refund refund form").acl(Acl.PUBLIC).build(),
          KnowledgeItem.builder("m", ItemKind.SOLUTION, "payback rules").acl(Acl.PUBLIC).build(), // near, no word shared
          KnowledgeItem.builder("t", ItemKind.SOLUTION, "journey notes").acl(Acl.PUBLIC).build())); // far
      kb.refresh();
      String text = "refund refund form";
      assertEquals(List.of("x"), kb.similarToText(READER, text, 10).stream().map(s -> s.item().id()).toList(),
          "x, the best word match, is nearer than m: nothing else joins");
      List<SimilarItem> left = kb.similarToText(READER, text, 10, "x");
      assertEquals(List.of("m", "t"), left.stream().map(s -> s.item().id()).toList(), "without x, the nearest first");
      assertTrue(left.get(0).score() > left.get(1).score());
      assertEquals(List.of("m"), kb.similarToText(READER, text, 1, "x").stream().map(s -> s.item().id()).toList());
      assertEquals(List.of("x"), kb.similarToText(READER, text, 10, "no-such-item").stream().map(s -> s.item().id()).toList());
      ValidationException e = assertThrows(ValidationException.class, () -> kb.similarToText(READER, text, 10, " "));
      assertEquals("excludedItemId", e.field());
    }
  }

  @Test
  void aNeighbourFartherInMeaningThanTheBestWordMatch_doesNotJoin() {
    try (KnowledgeBase kb = open(null, new TopicEmbedder("topics", MONEY_TRAVEL))) {
      kb.putAll(List.of(
          KnowledgeItem.builder("b1", ItemKind.SOLUTION, "card repay").acl(Acl.PUBLIC).build(), // the words' match
          KnowledgeItem.builder("b2", ItemKind.SOLUTION, "refund").acl(Acl.PUBLIC).build(), // as near: joins
          KnowledgeItem.builder("b3", ItemKind.SOLUTION, "refund journey").acl(Acl.PUBLIC).build(), // less near
          KnowledgeItem.builder("b4", ItemKind.SOLUTION, "journey").acl(Acl.PUBLIC).build())); // far
      kb.refresh();
      SearchResult r = search(kb, "card payback");
      assertEquals(List.of("b1", "b2"), ids(r), "only what is at least as near as the best word match joins");
      assertEquals(2, r.totalHits());
      assertEquals(List.of("b1", "b2"), kb.similarToText(READER, "card payback", 10).stream().map(s -> s.item().id())
          .sorted().toList(), "similar items alike");
      assertEquals(List.of("b1", "b2", "b3", "b4"), ids(search(kb, "payback")), "no word matches: the nearest all join");
    }
  }

  @Test
  void neighboursRankByHowNearTheyAre_notByTheirIds() {
    try (KnowledgeBase kb = open(null, new TopicEmbedder("topics", MONEY_TRAVEL))) {
      kb.putAll(List.of(
          KnowledgeItem.builder("a", ItemKind.SOLUTION, "refund").acl(Acl.PUBLIC).build(),
          KnowledgeItem.builder("m", ItemKind.SOLUTION, "journey refund").acl(Acl.PUBLIC).build(),
          KnowledgeItem.builder("z", ItemKind.SOLUTION, "journey journey refund").acl(Acl.PUBLIC).build()));
      kb.refresh();
      // No item shares a word with the text; by meaning z is nearest (the same vector), then m, then a.
      List<SimilarItem> similar = kb.similarToText(READER, "repay trip trip", 10);
      assertEquals(List.of("z", "m", "a"), similar.stream().map(s -> s.item().id()).toList());
      assertTrue(similar.get(0).score() > similar.get(1).score() && similar.get(1).score() > similar.get(2).score(),
          "strictly: " + similar);
    }
  }

  @Test
  void aTextAskedAgain_isEmbeddedOnce_acrossPagesSearchesAndSimilarTexts() {
    TopicEmbedder topics = new TopicEmbedder("topics", MONEY_TRAVEL);
    try (KnowledgeBase kb = open(null, topics)) {
      putCards(kb);
      int written = topics.calls.get();
      SearchRequest first = SearchRequest.builder(READER).text("card payback").pageSize(1).build();
      SearchResult page1 = kb.search(first);
      assertEquals(written + 1, topics.calls.get());
      SearchResult page2 = kb.search(first.after(page1.nextCursor()));
      SearchResult again = kb.search(first);
      assertEquals(written + 1, topics.calls.get(), "the next page and the same search again embed nothing");
      assertEquals(List.of("a2"), ids(page1));
      assertEquals(List.of("a3"), ids(page2));
      assertEquals(ids(page1), ids(again));
      List<String> similar = kb.similarToText(READER, "refund trip", 5).stream().map(s -> s.item().id()).toList();
      assertEquals(similar, kb.similarToText(READER, "refund trip", 5).stream().map(s -> s.item().id()).toList());
      assertEquals(written + 2, topics.calls.get(), "a similar text too");
    }
  }

  @Test
  void meaningReRanksTheBest200ByWords_andPagesGoOnInTheWordsOrderPastThem() {
    try (KnowledgeBase kb = open(null, new TopicEmbedder("topics", MONEY_TRAVEL))) {
      List<KnowledgeItem> items = new ArrayList<>();
      for (int i = 0; i < 230; i++) { // all match "card" alike, so by words they rank by id
        items.add(KnowledgeItem.builder(String.format("i%04d", i), ItemKind.SOLUTION, i % 2 == 0 ? "card refund" : "card trip")
            .acl(Acl.PUBLIC).build());
      }
      kb.putAll(items);
      kb.refresh();
      SearchRequest first = SearchRequest.builder(READER).text("card payback").pageSize(7).build();
      List<SearchHit> all = new ArrayList<>();
      SearchResult page = kb.search(first);
      all.addAll(page.hits());
      for (int pages = 1; page.nextCursor() != null; pages++) {
        assertTrue(pages < 230 / 7 + 1, "more pages than hits: " + pages);
        page = kb.search(first.after(page.nextCursor()));
        all.addAll(page.hits());
        assertEquals(230, page.totalHits(), "every page counts every match");
      }
      List<String> ids = all.stream().map(h -> h.item().id()).toList();
      assertEquals(230, ids.stream().distinct().count(), "each item once: " + ids.size());
      for (int i = 1; i < all.size(); i++) {
        assertTrue(all.get(i).score() <= all.get(i - 1).score(), "scores never rise, at " + i);
      }
      // The window of 200 (i0000..i0199): the 100 about money first, then the 100 about trips, each by id.
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 200; i += 2) {
        expected.add(String.format("i%04d", i));
      }
      for (int i = 1; i < 200; i += 2) {
        expected.add(String.format("i%04d", i));
      }
      for (int i = 200; i < 230; i++) { // past it, the words' order: money and trips alternate
        expected.add(String.format("i%04d", i));
      }
      assertEquals(expected, ids);
    }
  }

  @Test
  void theNearestItemsAreSoughtAmongWhatThePrincipalMayRead_notFilteredAfterwards() {
    try (KnowledgeBase kb = open(null, new TopicEmbedder("topics", MONEY_TRAVEL))) {
      List<KnowledgeItem> items = new ArrayList<>();
      // Many more hidden items nearer the query than the search's neighbours (10): a vector search that
      // filtered its answer afterwards would be left with none the reader may see.
      for (int i = 0; i < 40; i++) {
        items.add(KnowledgeItem.builder("h" + i, ItemKind.SOLUTION, "refund secret " + i).acl(Acl.groups("finance")).build());
      }
      items.add(KnowledgeItem.builder("v1", ItemKind.SOLUTION, "refund trip").acl(Acl.PUBLIC).build());
      kb.putAll(items);
      kb.refresh();
      SearchResult r = search(kb, "payback");
      assertEquals(List.of("v1"), ids(r));
      assertEquals(1, r.totalHits());
      Principal finance = Principal.of("auditor", List.of("finance"), List.of());
      assertEquals(10, kb.search(SearchRequest.builder(finance).text("payback").build()).totalHits(),
          "the ten nearest, all hidden from the reader");
    }
  }

  /** A listener that counts down when a re-embedding has finished. */
  private static ProgressListener reembedded(CountDownLatch done) {
    return p -> {
      if (p.operation().equals(Progress.REEMBED) && p.finished()) {
        done.countDown();
      }
    };
  }

  @Test
  void itemsWithoutVectorsOfTheEmbedder_areEmbeddedAfterTheKnowledgeBaseOpens_andThatIsKeptByTheNextCommit(
      @TempDir Path dir) throws InterruptedException {
    try (KnowledgeBase kb = open(dir, null)) {
      putCards(kb);
      kb.commit();
    }
    TopicEmbedder topics = new TopicEmbedder("topics", MONEY_TRAVEL);
    CountDownLatch first = new CountDownLatch(1);
    try (KnowledgeBase kb = open(dir, topics, reembedded(first))) {
      assertTrue(first.await(30, TimeUnit.SECONDS), "re-embedded in the background");
      assertEquals(4, topics.calls.get(), "every live item embedded once");
      assertEquals(List.of("a2", "a3", "a1"), ids(search(kb, "card payback")));
      kb.commit();
    }
    TopicEmbedder again = new TopicEmbedder("topics", MONEY_TRAVEL);
    try (KnowledgeBase kb = open(dir, again)) {
      assertEquals(0, again.calls.get(), "the vectors were committed");
      assertEquals(List.of("a2", "a3", "a1"), ids(search(kb, "card payback")));
      assertEquals(1, again.calls.get(), "the query");
    }
    // Another embedder (here one that puts "payback" with trips) re-embeds everything.
    TopicEmbedder swapped = new TopicEmbedder("swapped", Map.of("payback", 0, "trip", 0, "repay", 1));
    CountDownLatch second = new CountDownLatch(1);
    try (KnowledgeBase kb = open(dir, swapped, reembedded(second))) {
      assertTrue(second.await(30, TimeUnit.SECONDS), "re-embedded in the background");
      assertEquals(4, swapped.calls.get());
      // a3 ("refund policy") now means nothing near the query: farther than the best word match, it no longer joins.
      assertEquals(List.of("a1", "a2"), ids(search(kb, "card payback")));
    }
  }

  @Test
  void anEmbedderThatMisbehaves_failsTheWriteWithItsName_andStoresNothing() {
    TextEmbedder wrong = new TopicEmbedder("short", MONEY_TRAVEL) {
      @Override
      public float[] embed(String text) {
        return text.contains("broken") ? new float[2] : super.embed(text);
      }
    };
    try (KnowledgeBase kb = open(null, wrong)) {
      putCards(kb);
      ZhikuException e = assertThrows(ZhikuException.class, () -> kb.putAll(List.of(
          KnowledgeItem.builder("b1", ItemKind.SOLUTION, "card fine").acl(Acl.PUBLIC).build(),
          KnowledgeItem.builder("b2", ItemKind.SOLUTION, "card broken").acl(Acl.PUBLIC).build())));
      assertTrue(e.getMessage().contains("short") && e.getMessage().contains("2 values where it declares 3"),
          e.getMessage());
      assertTrue(kb.get("b1").isEmpty(), "a batch is all or nothing");
      kb.refresh();
      assertEquals(List.of("a1", "a2", "a3"), ids(search(kb, "card fine")).stream().sorted().toList());
    }
  }

  @Test
  void builder_refusesAnEmbedderWithABadNameOrDimensions() {
    ValidationException name = assertThrows(ValidationException.class,
        () -> KnowledgeBase.builder().embedder(new TopicEmbedder("Bad Name", Map.of())));
    assertEquals("embedder.name", name.field());
    ValidationException dims = assertThrows(ValidationException.class,
        () -> KnowledgeBase.builder().embedder(new TopicEmbedder("ok", Map.of()) {
          @Override
          public int dimensions() {
            return 5000;
          }
        }));
    assertEquals("embedder.dimensions", dims.field());
    assertTrue(dims.getMessage().contains("5000") && dims.getMessage().contains("4096"), dims.getMessage());
  }
}
