package io.zhiku.graph.expert;

import static io.zhiku.graph.GraphFixtures.CLOCK;
import static io.zhiku.graph.GraphFixtures.T0;
import static io.zhiku.graph.GraphFixtures.kb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.graph.GraphFixtures;
import io.zhiku.graph.KnowledgeGraph;
import io.zhiku.graph.expert.ExpertFinder.EvidenceKind;
import io.zhiku.graph.expert.ExpertFinder.Expert;
import io.zhiku.testkit.Seeded;
import io.zhiku.testkit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Expert finding: evidence, decay, and the access rule (hidden items never count and are never named). */
@Seeded
class ExpertFinderTest {
  private static final Principal EVE = Principal.of("eve");
  private static final Principal RD = Principal.of("rita", List.of("rd"), List.of());

  private static KnowledgeItem item(String id, Acl acl, String concept, String title, String... authors) {
    return KnowledgeItem.builder(id, ItemKind.SOLUTION, title).body(title).acl(acl).concepts(List.of(concept))
        .authors(authors).build();
  }

  private static ExpertFinder exact(KnowledgeGraph graph) {
    return ExpertFinder.builder(graph).clock(CLOCK).weight(EvidenceKind.PROXIMITY, 0).build();
  }

  private static Map<String, Double> scores(List<Expert> experts) {
    Map<String, Double> out = new TreeMap<>();
    experts.forEach(e -> out.put(e.userId(), e.score()));
    return out;
  }

  @Test
  void evidenceAddsUp_byKindAndWeight_andNarrowerConceptsCount() {
    try (KnowledgeBase kb = kb().build(); KnowledgeGraph graph = KnowledgeGraph.builder(kb).build()) {
      kb.put(item("a1", Acl.PUBLIC, "vpn", "VPN setup", "alice"));
      kb.put(item("a2", Acl.PUBLIC, "vpn", "VPN on phones", "alice"));
      kb.put(item("b1", Acl.PUBLIC, "vpn", "VPN drops at night", "bob"));
      kb.put(item("d1", Acl.PUBLIC, "wifi", "Guest wifi", "dave"));
      kb.put(item("x1", Acl.PUBLIC, "other", "Unrelated", "xavier"));
      for (int i = 0; i < 3; i++) {
        kb.record(UsageEvent.ofItem(UsageEventType.REUSE, T0, Principal.of("carol"), "b1"));
      }
      kb.record(UsageEvent.ofItem(UsageEventType.REUSE, T0, Principal.of("bob"), "b1")); // one's own use: no evidence
      kb.record(UsageEvent.ofItem(UsageEventType.ACCEPTED, T0, Principal.of("carol"), "b1"));
      kb.record(UsageEvent.ofItem(UsageEventType.VIEW, T0, Principal.of("carol"), "a1"));
      kb.refresh();

      List<Expert> experts = exact(graph).forConcepts(EVE, List.of("network"), 10);
      assertEquals(List.of("bob", "alice", "dave"), experts.stream().map(Expert::userId).toList());
      // bob: authored 1 + accepted 2 + three reuses by carol 3 × 0.25; alice: 2 authored + a view 0.25 × 0.2.
      assertEquals(Map.of("bob", 3.75, "alice", 2.05, "dave", 1.0), roundAll(scores(experts)));
      Expert bob = experts.get(0);
      assertEquals(EvidenceKind.ACCEPTED_ANSWER, bob.evidence().get(0).kind());
      assertEquals("b1", bob.evidence().get(0).itemId());
      assertEquals("VPN drops at night", bob.evidence().get(0).itemTitle());

      assertEquals(List.of("bob", "alice"), exact(graph).forConcepts(EVE, List.of("vpn"), 2).stream().map(Expert::userId).toList());
      assertTrue(exact(graph).forConcepts(Principal.of("bob"), List.of("vpn"), 10).stream().noneMatch(e -> e.userId().equals("bob")),
          "the asker is never among the experts");

      List<Expert> byText = exact(graph).forQuestion(EVE, "my VPN drops every night", 10);
      assertEquals("bob", byText.get(0).userId(), byText.toString());
      List<Expert> byContext = exact(graph).forContext(WorkContext.builder(EVE, T0).concepts("wifi").build(), 10);
      assertEquals(List.of("dave"), byContext.stream().map(Expert::userId).toList());
      assertTrue(exact(graph).forContext(WorkContext.builder(EVE, T0).build(), 10).isEmpty());
    }
  }

  private static Map<String, Double> roundAll(Map<String, Double> m) {
    Map<String, Double> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, Math.round(v * 1e9) / 1e9));
    return out;
  }

  @Test
  void evidenceDecays_withItsAge() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = kb().clock(clock).build(); KnowledgeGraph graph = KnowledgeGraph.builder(kb).build()) {
      kb.put(item("old", Acl.PUBLIC, "vpn", "Old", "olga"));
      clock.advance(Duration.ofDays(180));
      kb.put(item("new", Acl.PUBLIC, "vpn", "New", "nina"));
      ExpertFinder finder = ExpertFinder.builder(graph).clock(clock).halfLife(Duration.ofDays(180))
          .weight(EvidenceKind.PROXIMITY, 0).build();
      Map<String, Double> s = scores(finder.forConcepts(EVE, List.of("vpn"), 10));
      assertEquals(1.0, s.get("nina"), 1e-9);
      assertEquals(0.5, s.get("olga"), 1e-9, "one half-life old: half the weight");
    }
  }

  @Test
  void hiddenItems_neverCount_andAreNeverNamed() {
    try (KnowledgeBase kb = kb().build(); KnowledgeGraph graph = KnowledgeGraph.builder(kb).build()) {
      kb.put(item("open", Acl.PUBLIC, "vpn", "Open note", "alice"));
      kb.put(item("secret", Acl.groups("rd"), "vpn", "Project X VPN", "mallory", "alice"));
      kb.record(UsageEvent.ofItem(UsageEventType.ACCEPTED, T0, RD, "secret"));
      kb.refresh();
      ExpertFinder finder = ExpertFinder.builder(graph).clock(CLOCK).build(); // proximity on
      for (List<Expert> answer : List.of(finder.forConcepts(EVE, List.of("vpn"), 10), finder.forQuestion(EVE, "project x vpn", 10))) {
        assertTrue(answer.stream().noneMatch(e -> e.userId().equals("mallory")), answer.toString());
        for (Expert e : answer) {
          for (ExpertFinder.Evidence ev : e.evidence()) {
            assertFalse("secret".equals(ev.itemId()) || String.valueOf(ev.itemTitle()).contains("Project X"), ev.toString());
          }
        }
      }
      assertTrue(finder.forConcepts(RD, List.of("vpn"), 10).stream().anyMatch(e -> e.userId().equals("mallory")));
    }
  }

  /**
   * The access kit for expert finding by concept: for random corpora, ACLs, events and principals, the
   * answer equals the answer over a knowledge base holding only the items the principal may read.
   */
  @RepeatedTest(8)
  void expertsForAPrincipal_equalExpertsOverTheItemsTheyMayRead(Random r) {
    String[] users = {"u0", "u1", "u2", "u3", "u4", "u5"};
    String[] concepts = {"network", "vpn", "wifi"};
    List<KnowledgeItem> items = new ArrayList<>();
    for (int i = 0; i < 10 + r.nextInt(30); i++) {
      Acl acl = switch (r.nextInt(4)) {
        case 0 -> Acl.NOBODY;
        case 1 -> Acl.users(users[r.nextInt(users.length)]);
        default -> Acl.PUBLIC;
      };
      items.add(item("i" + i, acl, concepts[r.nextInt(concepts.length)], "t" + i, users[r.nextInt(users.length)],
          users[r.nextInt(users.length)]).toBuilder().build());
    }
    List<UsageEvent> events = new ArrayList<>();
    UsageEventType[] types = {UsageEventType.REUSE, UsageEventType.ACCEPTED, UsageEventType.VIEW, UsageEventType.ANSWERED};
    for (int e = r.nextInt(60); e > 0; e--) {
      events.add(UsageEvent.ofItem(types[r.nextInt(types.length)], T0.minus(Duration.ofDays(r.nextInt(400))),
          Principal.of(users[r.nextInt(users.length)]), "i" + r.nextInt(items.size())));
    }
    Principal asker = Principal.of(users[r.nextInt(users.length)]);
    String concept = concepts[r.nextInt(concepts.length)];
    try (GraphFixtures.Split split = GraphFixtures.Split.of(items, events, asker)) {
      Set<String> readableIds = split.readableIds();
      KnowledgeGraph graph = split.graph();
      KnowledgeGraph onlyGraph = split.onlyGraph();
      ExpertFinder full = ExpertFinder.builder(graph).clock(CLOCK).build();
      ExpertFinder reference = ExpertFinder.builder(onlyGraph).clock(CLOCK).build();
      List<Expert> got = full.forConcepts(asker, List.of(concept), 100);
      List<Expert> want = reference.forConcepts(asker, List.of(concept), 100);
      assertEquals(want.stream().map(Expert::userId).collect(java.util.stream.Collectors.toSet()),
          got.stream().map(Expert::userId).collect(java.util.stream.Collectors.toSet()));
      Map<String, Double> g = scores(got);
      scores(want).forEach((u, s) -> assertEquals(s, g.get(u), 1e-9, u));
      for (Expert e : got) {
        e.evidence().forEach(ev -> assertTrue(ev.itemId() == null || readableIds.contains(ev.itemId()), ev.toString()));
      }
    }
  }

  @Test
  void badInputs_areNamed() {
    try (KnowledgeBase kb = kb().build(); KnowledgeGraph graph = KnowledgeGraph.builder(kb).build()) {
      ExpertFinder f = exact(graph);
      assertTrue(assertThrows(ValidationException.class, () -> f.forConcepts(EVE, List.of("vpn"), 0)).getMessage().contains("limit"));
      assertTrue(assertThrows(ValidationException.class, () -> f.forConcepts(EVE, List.of(), 5)).getMessage().contains("conceptIds"));
      assertTrue(assertThrows(ValidationException.class, () -> f.forQuestion(EVE, "  ", 5)).getMessage().contains("question"));
      assertThrows(ValidationException.class, () -> ExpertFinder.builder(graph).halfLife(Duration.ofMinutes(5)));
      assertThrows(ValidationException.class, () -> ExpertFinder.builder(graph).weight(EvidenceKind.AUTHORED, -1));
      assertThrows(ValidationException.class, () -> ExpertFinder.builder(graph).searchItems(0));
      assertTrue(f.forConcepts(EVE, List.of("nothing-here"), 5).isEmpty(), "a concept no item is about has no experts");
    }
  }

  @Test
  void relevanceExponent_letsOneItemAboutTheQuestionOutweighManyLooselyRelated() {
    try (KnowledgeBase kb = kb().build(); KnowledgeGraph graph = KnowledgeGraph.builder(kb).build()) {
      kb.put(KnowledgeItem.builder("f1", ItemKind.SOLUTION, "VPN over guest wifi").concepts(List.of("vpn", "wifi"))
          .authors("fay").acl(Acl.PUBLIC).build());
      for (int i = 0; i < 3; i++) {
        kb.put(item("g" + i, Acl.PUBLIC, "vpn", "VPN note " + i, "gus"));
      }
      kb.refresh();
      List<String> both = List.of("vpn", "wifi");
      // fay: one item about both concepts (relevance 1); gus: three about one of the two (relevance 0.5 each).
      assertEquals(Map.of("fay", 1.0, "gus", 0.75), roundAll(scores(exact(graph).forConcepts(EVE, both, 10))), "0.5² × 3");
      ExpertFinder linear = ExpertFinder.builder(graph).clock(CLOCK).weight(EvidenceKind.PROXIMITY, 0)
          .relevanceExponent(1).build();
      assertEquals(1.0, linear.relevanceExponent());
      assertEquals(Map.of("fay", 1.0, "gus", 1.5), roundAll(scores(linear.forConcepts(EVE, both, 10))), "0.5 × 3");
      ValidationException e = assertThrows(ValidationException.class, () -> ExpertFinder.builder(graph).relevanceExponent(0.1));
      assertTrue(e.getMessage().contains("relevanceExponent") && e.getMessage().contains("0.25 to 8"), e.getMessage());
      assertThrows(ValidationException.class, () -> ExpertFinder.builder(graph).relevanceExponent(Double.NaN));
    }
  }

  @Test
  void settings_readBack_asBuilt() {
    try (KnowledgeBase kb = kb().build(); KnowledgeGraph graph = KnowledgeGraph.builder(kb).build()) {
      ExpertFinder defaults = ExpertFinder.builder(graph).build();
      assertEquals(Duration.ofDays(180), defaults.halfLife());
      assertEquals(2.0, defaults.weight(EvidenceKind.ACCEPTED_ANSWER));
      assertEquals(2.0, defaults.relevanceExponent());
      assertEquals(0.5, defaults.weight(EvidenceKind.PROXIMITY));
      ExpertFinder tuned = ExpertFinder.builder(graph).halfLife(Duration.ofDays(90)).weight(EvidenceKind.PROXIMITY, 0).build();
      assertEquals(Duration.ofDays(90), tuned.halfLife());
      assertEquals(0.0, tuned.weight(EvidenceKind.PROXIMITY));
      assertEquals(1.0, tuned.weight(EvidenceKind.AUTHORED));
      assertThrows(ValidationException.class, () -> tuned.weight(null));
    }
  }
}
