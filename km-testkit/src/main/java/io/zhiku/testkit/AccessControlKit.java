package io.zhiku.testkit;

import static io.zhiku.testkit.AccessFixtures.KINDS;
import static io.zhiku.testkit.AccessFixtures.TAXONOMY;
import static io.zhiku.testkit.AccessFixtures.USERS;
import static io.zhiku.testkit.AccessFixtures.acl;
import static io.zhiku.testkit.AccessFixtures.any;
import static io.zhiku.testkit.AccessFixtures.corpus;
import static io.zhiku.testkit.AccessFixtures.principal;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.ItemCatalog;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.search.ScoredItem;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.search.Suggestion;
import io.zhiku.core.spi.EngineCapability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The access-control conformance kit: every engine behind {@link KnowledgeBase} extends this class and
 * passes it. Seeded random corpora, ACLs, principals, churn (re-put with new ACLs, deletes) and
 * searches; every answer — the hits over all pages, the total count, the facet counts, the
 * suggestions — must equal a brute-force computation over the items {@link Acl#permits} lets the
 * principal read; the {@link ItemCatalog}'s answers likewise. Some words and a concept occur only in
 * items nobody may read: they must never produce a hit, a count, a facet value or a suggestion. The
 * corpora come from {@link AccessFixtures}.
 *
 * <p>Replay a failure with {@code -Dzhiku.seed=...} (printed on failure).
 */
public abstract class AccessControlKit extends EngineKit {
  /** The engine under test with the kit's taxonomy, refreshed and committed only when the kit says so. */
  private KnowledgeBaseBuilder kitKnowledgeBase() {
    return newKnowledgeBase().refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).taxonomy(TAXONOMY);
  }

  /**
   * Checks one random corpus.
   *
   * @param r the seeded randomness
   */
  @RepeatedTest(12)
  void everyAnswerEqualsBruteForceOverReadableItems(Random r) {
    List<KnowledgeItem> items = corpus(r);
    try (KnowledgeBase kb = kitKnowledgeBase().build()) {
      kb.putAll(items);
      // Some churn: re-put a few with new ACLs and delete a few, so that old versions must not leak.
      for (int i = 0; i < 10; i++) {
        KnowledgeItem victim = items.get(r.nextInt(items.size()));
        if (r.nextBoolean()) {
          KnowledgeItem changed = victim.toBuilder().acl(acl(r)).build();
          kb.put(changed);
          items.set(items.indexOf(victim), changed);
        } else if (kb.delete(victim.id())) {
          items.remove(victim);
        }
      }
      kb.refresh();
      for (int q = 0; q < 25; q++) {
        Principal p = principal(r, any(r, USERS));
        String word = r.nextInt(4) == 0 ? "hidden" + r.nextInt(3) : "w" + r.nextInt(10);
        boolean browse = r.nextInt(5) == 0;
        String kind = r.nextBoolean() ? any(r, KINDS) : null;
        SearchRequest.Builder b = SearchRequest.builder(p).text(browse ? "" : word).pageSize(1 + r.nextInt(7)).facets("s");
        if (kind != null) {
          b.kinds(ItemKind.of(kind));
        }
        SearchRequest request = b.build();
        String what = p + " text=" + request.text() + " kind=" + kind;
        assertSearch(kb, request, items, word, browse, kind, what);
        // Suggestions: every one readable; prefixes of words that only unreadable items carry give nothing.
        String prefix = r.nextBoolean() ? "hid" : "item";
        for (Suggestion sug : kb.suggest(new SuggestRequest(p, prefix, 50))) {
          if (sug.source() == Suggestion.Source.TITLE) {
            String id = sug.id();
            assertEquals(true, items.stream().anyMatch(it -> it.id().equals(id) && it.acl().permits(p)), "suggested " + sug + " to " + p);
          } else {
            assertEquals(true, items.stream().anyMatch(it -> it.acl().permits(p)
                && (it.concepts().contains(sug.id()) || it.concepts().stream().anyMatch(c -> TAXONOMY.ancestors(c).contains(sug.id())))),
                "suggested " + sug + " to " + p);
          }
        }
        if (prefix.equals("hid")) {
          // Only churn can make an item with a "hidden" word readable; the answer must be exactly those.
          Set<String> expectedSuggestions = new TreeSet<>();
          for (KnowledgeItem it : items) {
            if (it.acl().permits(p)) {
              if (it.title().contains(" hidden")) {
                expectedSuggestions.add("TITLE " + it.id());
              }
              if (it.concepts().contains("secret")) {
                expectedSuggestions.add("CONCEPT secret");
              }
            }
          }
          Set<String> suggested = new TreeSet<>();
          kb.suggest(new SuggestRequest(p, prefix, 50)).forEach(sug -> suggested.add(sug.source() + " " + sug.id()));
          assertEquals(expectedSuggestions, suggested, "suggestions for \"hid\" to " + p);
        }
      }
    }
  }

  /**
   * Whether the engine's searches add items the words do not match: with an embedder, the embedded
   * engine adds the items nearest the text by meaning. The kit then checks that the hits hold every
   * readable word match and nothing but readable items of the kind, and that the total and the facets
   * count exactly the hits; otherwise the hits must equal the word matches.
   *
   * @return {@code false} unless overridden
   */
  protected boolean searchAddsNearestByMeaning() {
    return false;
  }

  /**
   * Every page of a search, with its total and facets, against a brute-force computation over the items
   * given: those whose ACL permits the principal, whose title or body holds the word, of the kind (see
   * {@link #searchAddsNearestByMeaning()}).
   */
  private void assertSearch(KnowledgeBase kb, SearchRequest request, List<KnowledgeItem> items, String word,
      boolean browse, String kind, String what) {
    Principal p = request.principal();
    Set<String> expected = new TreeSet<>();
    Map<String, KnowledgeItem> allowed = new TreeMap<>();
    for (KnowledgeItem item : items) {
      if (item.acl().permits(p) && (kind == null || item.kind().name().equals(kind))) {
        allowed.put(item.id(), item);
        if (browse || List.of(item.body().split(" ")).contains(word) || List.of(item.title().split(" ")).contains(word)) {
          expected.add(item.id());
        }
      }
    }
    Set<String> actual = new TreeSet<>();
    long total = -1;
    List<Map<String, Long>> pageFacets = new ArrayList<>();
    for (SearchResult page = kb.search(request); ; page = kb.search(request.after(page.nextCursor()))) {
      total = page.totalHits();
      Map<String, Long> facets = new TreeMap<>();
      page.facets().get("s").forEach(f -> facets.put(f.conceptId(), f.count()));
      pageFacets.add(facets);
      page.hits().forEach(h -> actual.add(h.item().id()));
      if (page.nextCursor() == null) {
        break;
      }
    }
    if (searchAddsNearestByMeaning()) {
      assertEquals(true, actual.containsAll(expected), "every readable word match is a hit: " + what);
      assertEquals(true, allowed.keySet().containsAll(actual), "only readable items of the kind: " + actual + ", " + what);
    } else {
      assertEquals(expected, actual, what);
    }
    Map<String, Long> expectedFacets = new TreeMap<>();
    for (String id : actual) { // the word matches, or (checked above) readable items of the kind
      Set<String> reached = new HashSet<>();
      for (String c : allowed.get(id).concepts()) {
        reached.add(c);
        reached.addAll(TAXONOMY.ancestors(c));
      }
      reached.forEach(c -> expectedFacets.merge(c, 1L, Long::sum));
    }
    for (Map<String, Long> facets : pageFacets) {
      assertEquals(expectedFacets, facets, "facets: " + what);
    }
    assertEquals(actual.size(), total, "total hits: " + what);
  }

  /**
   * Revocation is immediate: after items are deleted or re-stored with new ACLs, and before any refresh
   * (none runs on its own here), no search hit, total, facet count, suggestion or similar item may come
   * from an item the principal may no longer read. The engine still holds the old versions until the
   * refresh, so the answer is exactly what the principal could read before the changes and may still read
   * now; a grant becomes visible at the refresh, when the answers equal those over the current items.
   *
   * <p>A {@link EngineCapability#SHARED shared} engine makes changes searchable on its own schedule (another
   * instance's refresh, the cluster's commits), so it cannot promise that a grant waits for this knowledge
   * base's refresh, only that a revocation never shows. There the churn before the refresh only narrows
   * ACLs and deletes (never re-creates), whose answer is the same whichever version the engine shows at
   * that moment, and the grants come after it, checked after the next refresh. Searches there ask for one
   * page: a commit can land between two pages, and a cursor walk over hits whose sort values change
   * meanwhile may miss or repeat one (as Solr's cursors document); after the refresh, pages are walked again.
   *
   * @param r the seeded randomness
   */
  @RepeatedTest(12)
  void revocationHidesItemsAtOnceBeforeTheRefresh(Random r) {
    List<KnowledgeItem> before = corpus(r);
    try (KnowledgeBase kb = kitKnowledgeBase().build()) {
      boolean shared = kb.engineCapabilities().contains(EngineCapability.SHARED);
      kb.putAll(before);
      kb.refresh();
      Map<String, KnowledgeItem> now = new TreeMap<>();
      before.forEach(i -> now.put(i.id(), i));
      for (int i = 0; i < 20; i++) {
        KnowledgeItem victim = before.get(r.nextInt(before.size()));
        if (shared && !now.containsKey(victim.id())) {
          continue; // re-creating a deleted item is a grant
        }
        if (r.nextInt(3) > 0) {
          Acl acl = shared ? narrowed(now.get(victim.id()).acl(), r) : acl(r);
          now.put(victim.id(), kb.put(victim.toBuilder().acl(acl).build()));
        } else {
          kb.delete(victim.id());
          now.remove(victim.id());
        }
      }
      for (int q = 0; q < 25; q++) {
        Principal p = principal(r, any(r, USERS));
        // What the stale searcher holds and the principal may still read: the old version, where the new one permits too.
        List<KnowledgeItem> stillReadable = before.stream()
            .filter(i -> now.containsKey(i.id()) && now.get(i.id()).acl().permits(p)).toList();
        String word = r.nextInt(4) == 0 ? "hidden" + r.nextInt(3) : "w" + r.nextInt(10);
        boolean browse = r.nextInt(5) == 0;
        // One page on a shared engine: its commits can land between two pages, and a walk whose hits change
        // their sort values meanwhile (a re-stored item's freshness) may miss or repeat one there.
        int pageSize = shared ? SearchRequest.MAX_PAGE_SIZE : 1 + r.nextInt(7);
        SearchRequest request = SearchRequest.builder(p).text(browse ? "" : word).pageSize(pageSize).facets("s").build();
        String what = "before the refresh: " + p + " text=" + request.text();
        assertSearch(kb, request, stillReadable, word, browse, null, what);
        for (String prefix : List.of("hid", "item", "w")) {
          for (Suggestion sug : kb.suggest(new SuggestRequest(p, prefix, 50))) {
            if (sug.source() == Suggestion.Source.TITLE) {
              assertEquals(true, now.containsKey(sug.id()) && now.get(sug.id()).acl().permits(p), "suggested " + sug + " to " + p);
            } else {
              assertEquals(true, stillReadable.stream().anyMatch(it -> it.acl().permits(p) && (it.concepts().contains(sug.id())
                  || it.concepts().stream().anyMatch(c -> TAXONOMY.ancestors(c).contains(sug.id())))), "suggested " + sug + " to " + p);
            }
          }
        }
        String text = "w" + r.nextInt(10) + " hidden" + r.nextInt(3) + " w" + r.nextInt(10) + " item";
        for (io.zhiku.core.search.SimilarItem s : kb.similarToText(p, text, 200)) {
          String id = s.item().id();
          assertEquals(true, now.containsKey(id) && now.get(id).acl().permits(p), "similar " + id + " for " + p);
        }
        String left = before.get(r.nextInt(before.size())).id();
        for (io.zhiku.core.search.SimilarItem s : kb.similarToText(p, text, 200, left)) {
          String id = s.item().id();
          assertEquals(true, !id.equals(left) && now.containsKey(id) && now.get(id).acl().permits(p),
              "similar " + id + " for " + p + ", " + left + " left out");
        }
        for (KnowledgeItem readable : stillReadable) {
          if (readable.acl().permits(p)) {
            for (io.zhiku.core.search.SimilarItem related : kb.similarTo(p, readable.id(), 100)) {
              String id = related.item().id();
              assertEquals(true, now.containsKey(id) && now.get(id).acl().permits(p), "related " + id + " for " + p);
            }
            break;
          }
        }
      }
      if (shared) {
        for (int i = 0; i < 10; i++) {
          KnowledgeItem victim = before.get(r.nextInt(before.size()));
          now.put(victim.id(), kb.put(victim.toBuilder().acl(acl(r)).build()));
        }
      }
      kb.refresh();
      List<KnowledgeItem> current = new ArrayList<>(now.values());
      for (int q = 0; q < 10; q++) {
        Principal p = principal(r, any(r, USERS));
        String word = "w" + r.nextInt(10);
        SearchRequest request = SearchRequest.builder(p).text(word).pageSize(1 + r.nextInt(7)).facets("s").build();
        assertSearch(kb, request, current, word, false, null, "after the refresh: " + p + " text=" + word);
      }
    }
  }

  /**
   * The item catalog (what push and a host's own lists check candidates against), after churn and
   * before the engine's refresh: the readable ids and the newest items are exactly those a brute force
   * over the items stored now finds (with drafts among them, which are never newest), and the similar
   * items are only items the principal may read now, even though the engine still holds older versions.
   *
   * @param r the seeded randomness
   */
  @RepeatedTest(8)
  void catalogAnswersOnlyWhatThePrincipalMayReadNow(Random r) {
    List<KnowledgeItem> items = new ArrayList<>(corpus(r));
    items.replaceAll(i -> r.nextInt(8) == 0 ? i.toBuilder().status(ItemStatus.DRAFT).build() : i);
    try (KnowledgeBase kb = kitKnowledgeBase().build()) {
      Map<String, KnowledgeItem> now = new TreeMap<>();
      kb.putAll(items).forEach(i -> now.put(i.id(), i));
      kb.refresh();
      for (int i = 0; i < 12; i++) {
        KnowledgeItem victim = items.get(r.nextInt(items.size()));
        if (r.nextBoolean()) {
          now.put(victim.id(), kb.put(victim.toBuilder().acl(acl(r)).build()));
        } else if (kb.delete(victim.id())) {
          now.remove(victim.id());
        }
      }
      ItemCatalog catalog = kb.catalog();
      assertEquals(now.size(), catalog.size(), "live items");
      List<String> everyId = items.stream().map(KnowledgeItem::id).toList();
      for (int q = 0; q < 15; q++) {
        Principal p = principal(r, any(r, USERS));
        Set<String> concepts = r.nextBoolean() ? Set.of() : Set.of(any(r, List.of("c0", "c1", "c2", "c3", "secret")));
        List<KnowledgeItem> readable = now.values().stream().filter(i -> i.acl().permits(p) && under(i, concepts)).toList();
        String what = p + " under " + concepts;
        assertEquals(readable.stream().map(KnowledgeItem::id).collect(Collectors.toSet()), catalog.readable(p, everyId, concepts),
            "readable: " + what);
        int limit = 1 + r.nextInt(20);
        List<String> newest = readable.stream().filter(i -> i.status() == ItemStatus.PUBLISHED)
            .sorted(Comparator.comparingLong((KnowledgeItem i) -> i.updated().toEpochMilli()).reversed().thenComparing(KnowledgeItem::id))
            .limit(limit).map(KnowledgeItem::id).toList();
        assertEquals(newest, catalog.newest(p, concepts, limit).stream().map(ScoredItem::itemId).toList(), "newest: " + what);
        for (ScoredItem similar : catalog.similar(p, "w" + r.nextInt(10) + " hidden" + r.nextInt(3), 50)) {
          KnowledgeItem item = now.get(similar.itemId());
          assertEquals(true, item != null && item.acl().permits(p), "similar " + similar.itemId() + " for " + what);
        }
      }
    }
  }

  /** An ACL that permits no one the given one does not: a random one if that is public, else a random part of it. */
  private static Acl narrowed(Acl acl, Random r) {
    if (acl.everyone()) {
      return acl(r);
    }
    return Acl.allow(acl.users().stream().filter(u -> r.nextBoolean()).toList(),
        acl.groups().stream().filter(g -> r.nextBoolean()).toList(), acl.roles().stream().filter(x -> r.nextBoolean()).toList());
  }

  /** Whether an item is classified under one of the concepts or a descendant (always, for no concept). */
  private static boolean under(KnowledgeItem item, Set<String> concepts) {
    return concepts.isEmpty() || item.concepts().stream()
        .anyMatch(c -> concepts.contains(c) || TAXONOMY.ancestors(c).stream().anyMatch(concepts::contains));
  }
}
