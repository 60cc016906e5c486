package io.zhiku.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.push.ItemNotification;
import io.zhiku.core.push.PushRule;
import io.zhiku.core.push.PushSettings;
import io.zhiku.core.push.Recommendation;
import io.zhiku.core.push.RuleCondition;
import io.zhiku.core.push.WorkflowEvent;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.search.Suggestion;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The access-control conformance kit: every engine behind {@link KnowledgeBase} extends this class and
 * passes it. Seeded random corpora, ACLs, principals, churn (re-put with new ACLs, deletes) and
 * searches; every answer — the hits over all pages, the total count, the facet counts, the
 * suggestions — must equal a brute-force computation over the items {@link Acl#permits} lets the
 * principal read. Some words and a concept occur only in items nobody may read: they must never
 * produce a hit, a count, a facet value or a suggestion.
 *
 * <p>Replay a failure with {@code -Dzhiku.seed=...} (printed on failure).
 */
public abstract class AccessControlKit extends EngineKit {
  /** The engine under test with the kit's taxonomy, refreshed and committed only when the kit says so. */
  private KnowledgeBase.Builder kitKnowledgeBase() {
    return newKnowledgeBase().refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).taxonomy(TAXONOMY);
  }

  private static final String[] USERS = {"u0", "u1", "u2", "u3", "u4"};
  private static final String[] GROUPS = {"g0", "g1", "g2", "g3"};
  private static final String[] ROLES = {"r0", "r1", "r2"};
  private static final String[] KINDS = {"solution", "case", "faq"};

  private static List<String> pick(Random r, String[] from, int max) {
    List<String> out = new ArrayList<>();
    for (int i = r.nextInt(max + 1); i > 0; i--) {
      out.add(from[r.nextInt(from.length)]);
    }
    return out;
  }

  private static Acl acl(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> Acl.PUBLIC;
      case 1 -> Acl.NOBODY;
      default -> Acl.allow(pick(r, USERS, 2), pick(r, GROUPS, 2), pick(r, ROLES, 1));
    };
  }

  /** c0 is the root; c1, c2 below it; c3 below both c1 and c2; "secret" is used only by unreadable items. */
  private static final Taxonomy TAXONOMY = Taxonomy.builder().scheme(ConceptScheme.of("s", "en", "S"))
      .concept(Concept.builder("c0", "s").build())
      .concept(Concept.builder("c1", "s").broader("c0").build())
      .concept(Concept.builder("c2", "s").broader("c0").build())
      .concept(Concept.builder("c3", "s").broader("c1", "c2").build())
      .concept(Concept.builder("secret", "s").prefLabel("en", "hiddenconcept").build())
      .build();

  /** A random corpus: words w0..w9 everywhere; "hidden" words and the "secret" concept only in items nobody may read. */
  private static List<KnowledgeItem> corpus(Random r) {
    List<KnowledgeItem> items = new ArrayList<>();
    int n = 30 + r.nextInt(90);
    for (int i = 0; i < n; i++) {
      Acl acl = acl(r);
      StringBuilder body = new StringBuilder();
      for (int k = 1 + r.nextInt(4); k > 0; k--) {
        body.append(" w").append(r.nextInt(10));
      }
      if (acl.equals(Acl.NOBODY)) {
        body.append(" hidden").append(r.nextInt(3));
      }
      List<String> concepts = pick(r, new String[] {"c0", "c1", "c2", "c3"}, 2);
      if (acl.equals(Acl.NOBODY) && r.nextBoolean()) {
        concepts.add("secret");
      }
      String title = "item " + i + (acl.equals(Acl.NOBODY) ? " hidden" + r.nextInt(3) : "");
      items.add(KnowledgeItem.builder("i" + i, ItemKind.of(KINDS[r.nextInt(KINDS.length)]), title)
          .body(body.toString().strip()).concepts(concepts).acl(acl).build());
    }
    return items;
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
        Principal p = new Principal(USERS[r.nextInt(USERS.length)], new HashSet<>(pick(r, GROUPS, 2)), new HashSet<>(pick(r, ROLES, 1)));
        String word = r.nextInt(4) == 0 ? "hidden" + r.nextInt(3) : "w" + r.nextInt(10);
        boolean browse = r.nextInt(5) == 0;
        String kind = r.nextBoolean() ? KINDS[r.nextInt(KINDS.length)] : null;
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
   * Every page of a search, with its total and facets, equals a brute-force computation over the items
   * given: those whose ACL permits the principal, whose title or body holds the word, of the kind.
   */
  private static void assertSearch(KnowledgeBase kb, SearchRequest request, List<KnowledgeItem> items, String word,
      boolean browse, String kind, String what) {
    Principal p = request.principal();
    Set<String> expected = new TreeSet<>();
    Map<String, Long> expectedFacets = new TreeMap<>();
    for (KnowledgeItem item : items) {
      boolean text = browse || List.of(item.body().split(" ")).contains(word) || List.of(item.title().split(" ")).contains(word);
      if (item.acl().permits(p) && text && (kind == null || item.kind().name().equals(kind))) {
        expected.add(item.id());
        Set<String> reached = new HashSet<>();
        for (String c : item.concepts()) {
          reached.add(c);
          reached.addAll(TAXONOMY.ancestors(c));
        }
        reached.forEach(c -> expectedFacets.merge(c, 1L, Long::sum));
      }
    }
    Set<String> actual = new TreeSet<>();
    long total = -1;
    for (SearchResult page = kb.search(request); ; page = kb.search(request.after(page.nextCursor()))) {
      total = page.totalHits();
      Map<String, Long> facets = new TreeMap<>();
      page.facets().get("s").forEach(f -> facets.put(f.conceptId(), f.count()));
      assertEquals(expectedFacets, facets, "facets: " + what);
      page.hits().forEach(h -> actual.add(h.item().id()));
      if (page.nextCursor() == null) {
        break;
      }
    }
    assertEquals(expected, actual, what);
    assertEquals(expected.size(), total, "total hits: " + what);
  }

  /**
   * Revocation is immediate: after items are deleted or re-stored with new ACLs, and before any refresh
   * (none runs on its own here), no search hit, total, facet count, suggestion or similar item may come
   * from an item the principal may no longer read. The engine still holds the old versions until the
   * refresh, so the answer is exactly what the principal could read before the changes and may still read
   * now; a grant becomes visible at the refresh, when the answers equal those over the current items.
   *
   * @param r the seeded randomness
   */
  @RepeatedTest(12)
  void revocationHidesItemsAtOnceBeforeTheRefresh(Random r) {
    List<KnowledgeItem> before = corpus(r);
    try (KnowledgeBase kb = kitKnowledgeBase().build()) {
      kb.putAll(before);
      kb.refresh();
      Map<String, KnowledgeItem> now = new TreeMap<>();
      before.forEach(i -> now.put(i.id(), i));
      for (int i = 0; i < 20; i++) {
        KnowledgeItem victim = before.get(r.nextInt(before.size()));
        if (r.nextInt(3) > 0) {
          now.put(victim.id(), kb.put(victim.toBuilder().acl(acl(r)).build()));
        } else {
          kb.delete(victim.id());
          now.remove(victim.id());
        }
      }
      for (int q = 0; q < 25; q++) {
        Principal p = randomPrincipal(r, USERS[r.nextInt(USERS.length)]);
        // What the stale searcher holds and the principal may still read: the old version, where the new one permits too.
        List<KnowledgeItem> stillReadable = before.stream()
            .filter(i -> now.containsKey(i.id()) && now.get(i.id()).acl().permits(p)).toList();
        String word = r.nextInt(4) == 0 ? "hidden" + r.nextInt(3) : "w" + r.nextInt(10);
        boolean browse = r.nextInt(5) == 0;
        SearchRequest request = SearchRequest.builder(p).text(browse ? "" : word).pageSize(1 + r.nextInt(7)).facets("s").build();
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
      kb.refresh();
      List<KnowledgeItem> current = new ArrayList<>(now.values());
      for (int q = 0; q < 10; q++) {
        Principal p = randomPrincipal(r, USERS[r.nextInt(USERS.length)]);
        String word = "w" + r.nextInt(10);
        SearchRequest request = SearchRequest.builder(p).text(word).pageSize(1 + r.nextInt(7)).facets("s").build();
        assertSearch(kb, request, current, word, false, null, "after the refresh: " + p + " text=" + word);
      }
    }
  }

  /**
   * Push, every built-in recommender, reasons and subscriptions on one random corpus: usage by many
   * people (including of items the principal may not read), rules that name every item, subscriptions.
   * No recommendation, reason or notification may name an item the principal may not read; a rules-only
   * push returns exactly the readable items the rule names; notifications equal a brute-force
   * computation.
   *
   * @param r the seeded randomness
   * @throws InterruptedException if interrupted while waiting for notifications
   */
  @RepeatedTest(8)
  void pushAndNotificationsNeverNameUnreadableItems(Random r) throws InterruptedException {
    List<KnowledgeItem> items = corpus(r);
    List<String> allIds = items.stream().map(KnowledgeItem::id).toList();
    PushRule everything = new PushRule("everything", "stage s0", RuleCondition.is("stage", "s0"), allIds.subList(0, Math.min(allIds.size(), 256)),
        List.of("c0", "secret"), 1);
    PushSettings settings = PushSettings.builder().rules(List.of(everything)).build();
    try (KnowledgeBase kb = kitKnowledgeBase().push(settings).build()) {
      kb.putAll(items);
      List<ItemNotification> notified = new java.util.concurrent.CopyOnWriteArrayList<>();
      kb.addItemListener(notified::add);
      List<Principal> subscribers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Principal p = randomPrincipal(r, USERS[i]);
        String concept = new String[] {"c0", "c1", "secret"}[r.nextInt(3)];
        kb.subscribe(p, concept);
        subscribers.add(p);
      }
      // Usage by people who are never pushed to here, so that nothing is dropped as already used.
      java.time.Instant now = java.time.Instant.now();
      for (int e = 0; e < 300; e++) {
        Principal user = randomPrincipal(r, "e" + r.nextInt(6));
        WorkContext c = WorkContext.builder(user, now).role(ROLES[r.nextInt(ROLES.length)]).stage("s" + r.nextInt(2))
            .attribute("industry", "ind" + r.nextInt(2)).attribute("project", "p" + r.nextInt(2)).build();
        String type = new String[] {"view", "reuse", "push-accepted", "click"}[r.nextInt(4)];
        kb.record(UsageEvent.ofItem(UsageEventType.of(type), now, user, items.get(r.nextInt(items.size())).id()).withContext(c));
      }
      // Churn after subscribing: every put is a notification candidate.
      Set<String> expectedNotifications = new TreeSet<>();
      for (int i = 0; i < 15; i++) {
        int at = r.nextInt(items.size());
        KnowledgeItem stored = kb.put(items.get(at).toBuilder().acl(acl(r)).build());
        items.set(at, stored);
        for (Principal p : subscribers) {
          for (String concept : kb.subscriptions(p.userId())) {
            boolean under = stored.concepts().contains(concept)
                || stored.concepts().stream().anyMatch(c -> TAXONOMY.ancestors(c).contains(concept));
            if (under && stored.acl().permits(p)) {
              expectedNotifications.add(p.userId() + " " + concept + " " + stored.id() + " v" + stored.version());
            }
          }
        }
      }
      kb.refresh();
      for (int q = 0; q < 12; q++) {
        Principal p = randomPrincipal(r, USERS[r.nextInt(USERS.length)]);
        WorkContext c = WorkContext.builder(p, now).stage("s" + r.nextInt(2)).role(ROLES[r.nextInt(ROLES.length)])
            .attribute("industry", "ind" + r.nextInt(2)).attribute("project", "p" + r.nextInt(2))
            .text("w" + r.nextInt(10) + " hidden" + r.nextInt(3) + " w" + r.nextInt(10)).build();
        for (Recommendation rec : kb.push(c, 1 + r.nextInt(20))) {
          assertEquals(true, current(items, rec.item().id()).acl().permits(p), "pushed " + rec.item().id() + " to " + p);
          for (io.zhiku.core.push.Reason reason : rec.reasons()) {
            for (KnowledgeItem hidden : items) {
              if (!hidden.acl().permits(p)) {
                assertEquals(false, reason.text().contains("\u201c" + hidden.title() + "\u201d"), reason + " names a hidden item to " + p);
              }
            }
          }
        }
      }
      drain(kb);
      Set<String> actual = new TreeSet<>();
      for (ItemNotification n : notified) {
        assertEquals(true, n.item().acl().permits(n.subscriber()), "notified " + n.subscriber() + " of " + n.item().id());
        actual.add(n.subscriber().userId() + " " + n.conceptId() + " " + n.item().id() + " v" + n.item().version());
      }
      assertEquals(expectedNotifications, actual, "notifications");
    }
    // Rules only: exactly the readable items the rule names, and the readable items under its concepts.
    try (KnowledgeBase kb = kitKnowledgeBase()
        .push(PushSettings.builder().disable("popularity").disable("freshness").disable("similar").disable("co-usage")
            .disable("feedback").recordShown(false).rules(List.of(everything)).build()).build()) {
      kb.putAll(items);
      kb.refresh();
      for (int q = 0; q < 10; q++) {
        Principal p = randomPrincipal(r, USERS[r.nextInt(USERS.length)]);
        Set<String> expected = new TreeSet<>();
        for (KnowledgeItem i : items) {
          if (i.acl().permits(p)) {
            expected.add(i.id());
          }
        }
        Set<String> pushed = new TreeSet<>();
        kb.push(WorkContext.builder(p, java.time.Instant.now()).stage("s0").build(), 100).forEach(x -> pushed.add(x.item().id()));
        Set<String> expectedTop = expected.size() > 100 ? pushed : expected; // at most 100 per push
        assertEquals(expectedTop, pushed, "rules-only push for " + p);
        assertEquals(true, expected.containsAll(pushed));
      }
    }
  }

  private static KnowledgeItem current(List<KnowledgeItem> items, String id) {
    return items.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
  }

  private static Principal randomPrincipal(Random r, String user) {
    return new Principal(user, new HashSet<>(pick(r, GROUPS, 2)), new HashSet<>(pick(r, ROLES, 1)));
  }

  /** Waits until the notification thread delivered everything queued so far. */
  private static void drain(KnowledgeBase kb) throws InterruptedException {
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    io.zhiku.core.push.PushListener barrier = (e, recs) -> done.countDown();
    kb.addPushListener(barrier);
    kb.publish(WorkflowEvent.of("barrier", WorkContext.builder(Principal.of("nobody"), java.time.Instant.now()).build()));
    assertEquals(true, done.await(30, java.util.concurrent.TimeUnit.SECONDS), "notifications delivered");
    kb.removePushListener(barrier);
  }
}
