package io.zhiku.graph.map;

import static io.zhiku.graph.GraphFixtures.CLOCK;
import static io.zhiku.graph.GraphFixtures.T0;
import static io.zhiku.graph.GraphFixtures.kb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.zhiku.graph.Node;
import io.zhiku.graph.NodeType;
import io.zhiku.graph.map.KnowledgeMap.MapNode;
import io.zhiku.graph.map.KnowledgeMap.Section;
import io.zhiku.testkit.Seeded;
import io.zhiku.testkit.TestClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Knowledge maps: their static and dynamic parts, their exports, and the access rule. */
@Seeded
class KnowledgeMapsTest {
  private static final Principal EVE = Principal.of("eve");
  private static final Principal RD = Principal.of("rita", List.of("rd"), List.of());

  private static KnowledgeItem item(String id, Acl acl, String concept, String title, String author) {
    return KnowledgeItem.builder(id, ItemKind.SOLUTION, title).body(title).acl(acl).concepts(List.of(concept))
        .authors(author).build();
  }

  private static Set<String> ids(KnowledgeMap m, String role) {
    Set<String> out = new TreeSet<>();
    m.nodes().stream().filter(n -> n.role().equals(role)).forEach(n -> out.add(n.id()));
    return out;
  }

  /** Items older than the map's 30-day window, one new item, uses in the window. */
  private static void corpus(KnowledgeBase kb, TestClock clock) {
    kb.put(item("old-verified", Acl.PUBLIC, "vpn", "VPN <setup> & \"tips\"", "alice").toBuilder().verified("vera", T0).build());
    kb.put(item("old-plain", Acl.PUBLIC, "wifi", "Wifi basics", "bob"));
    kb.put(item("secret", Acl.groups("rd"), "vpn", "Project X VPN", "mallory").toBuilder().verified("vera", T0).build());
    clock.advance(Duration.ofDays(60));
    kb.put(item("fresh", Acl.PUBLIC, "vpn", "VPN on phones", "carol"));
    WorkContext proposal = WorkContext.builder(EVE, clock.instant()).role("sales").stage("proposal").build();
    for (int i = 0; i < 3; i++) {
      kb.record(UsageEvent.ofItem(UsageEventType.REUSE, clock.instant(), EVE, "old-plain").withContext(proposal));
    }
    kb.record(UsageEvent.ofItem(UsageEventType.VIEW, clock.instant(), EVE, "fresh").withContext(proposal));
    WorkContext rdProposal = WorkContext.builder(RD, clock.instant()).role("sales").stage("proposal").build();
    for (int i = 0; i < 5; i++) {
      kb.record(UsageEvent.ofItem(UsageEventType.VIEW, clock.instant(), RD, "secret").withContext(rdProposal));
    }
    kb.refresh();
  }

  @Test
  void conceptMap_hasTheHierarchyVerifiedNewHotAndExperts_andNothingHidden() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = kb().clock(clock).build(); KnowledgeGraph graph = KnowledgeGraph.builder(kb).build()) {
      corpus(kb, clock);
      KnowledgeMaps maps = KnowledgeMaps.builder(graph).clock(clock).build();
      KnowledgeMap m = maps.forConcept(EVE, "network");
      assertEquals("concept:network", m.root());
      assertEquals(Set.of("concept:vpn", "concept:wifi"), ids(m, "narrower"));
      assertEquals(Set.of("item:old-verified"), ids(m, "verified"));
      assertEquals(Set.of("item:fresh"), ids(m, "new"));
      assertEquals(Set.of("item:fresh", "item:old-plain"), hotOrNew(m));
      assertTrue(ids(m, "expert").containsAll(Set.of("person:alice", "person:carol")), m.toString());
      assertNoMention(m, "secret", "mallory", "Project X");
      MapNode verified = m.nodes().stream().filter(n -> n.id().equals("item:old-verified")).findFirst().orElseThrow();
      assertEquals(Section.STATIC, verified.section());
      assertEquals("vera", verified.attributes().get("verifiedBy"));

      KnowledgeMap vpn = maps.forConcept(EVE, "vpn");
      assertEquals(Set.of("concept:network"), ids(vpn, "broader"));
      assertTrue(vpn.edges().contains(new KnowledgeMap.MapEdge("concept:vpn", "concept:network", "broader")));

      KnowledgeMap forRd = maps.forConcept(RD, "vpn");
      assertTrue(ids(forRd, "verified").contains("item:secret"));
      MapNode secret = forRd.nodes().stream().filter(n -> n.id().equals("item:secret")).findFirst().orElseThrow();
      assertEquals("5", secret.attributes().get("uses"), "verified and hot: one node with both figures");
      assertThrows(ValidationException.class, () -> maps.forConcept(EVE, "not-a-concept"));
    }
  }

  private static Set<String> hotOrNew(KnowledgeMap m) {
    Set<String> out = new TreeSet<>(ids(m, "hot"));
    out.addAll(ids(m, "new"));
    return out;
  }

  private static void assertNoMention(KnowledgeMap m, String... words) {
    for (String export : List.of(m.toJson(), m.toGraphMl(), m.toDot(), m.toString())) {
      for (String w : words) {
        assertFalse(export.contains(w), "the map names \"" + w + "\": " + export);
      }
    }
  }

  @Test
  void customerAndContextMaps() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = kb().clock(clock).build(); KnowledgeGraph graph = KnowledgeGraph.builder(kb).build()) {
      corpus(kb, clock);
      graph.putCustomer("school", Map.of("name", "No. 1 School"), List.of(Node.of(NodeType.CONCEPT, "vpn"),
          Node.of(NodeType.ITEM, "secret")));
      graph.putPartner("acme", Map.of("name", "ACME"), List.of(Node.of(NodeType.CONCEPT, "vpn")));
      KnowledgeMaps maps = KnowledgeMaps.builder(graph).clock(clock).build();
      KnowledgeMap m = maps.forCustomer(EVE, "school");
      assertEquals("Knowledge map: No. 1 School", m.title());
      assertEquals(Set.of("concept:vpn"), ids(m, "need"), "a need the viewer may not read is not shown");
      assertEquals(Set.of("partner:acme"), ids(m, "partner"));
      assertTrue(ids(m, "verified").contains("item:old-verified"));
      assertNoMention(m, "secret", "Project X", "mallory");
      assertThrows(ValidationException.class, () -> maps.forCustomer(EVE, "nobody"));

      KnowledgeMap atProposal = maps.forContext(WorkContext.builder(EVE, clock.instant()).stage("proposal").build());
      assertEquals(Set.of("item:old-plain", "item:fresh"), ids(atProposal, "hot"));
      MapNode top = atProposal.nodes().stream().filter(n -> n.role().equals("hot")).findFirst().orElseThrow();
      assertEquals("item:old-plain", top.id(), "the most used first");
      assertEquals("3", top.attributes().get("uses"));
      assertNoMention(atProposal, "secret", "Project X");
      assertThrows(ValidationException.class, () -> maps.forContext(WorkContext.builder(EVE, clock.instant()).build()));
    }
  }

  @Test
  void exports_areWellFormed_andEscapeWhatTheyMust() throws Exception {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = kb().clock(clock).build(); KnowledgeGraph graph = KnowledgeGraph.builder(kb).build()) {
      corpus(kb, clock);
      KnowledgeMap m = KnowledgeMaps.builder(graph).clock(clock).window(Duration.ofDays(365)).build().forConcept(EVE, "vpn");
      JsonNode json = new ObjectMapper().readTree(m.toJson());
      assertEquals(m.nodes().size(), json.get("nodes").size());
      assertEquals("VPN <setup> & \"tips\"", findLabel(json, "item:old-verified"));

      org.w3c.dom.Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(m.toGraphMl().getBytes(StandardCharsets.UTF_8)));
      assertEquals(m.nodes().size(), xml.getElementsByTagName("node").getLength());
      assertEquals(m.edges().size(), xml.getElementsByTagName("edge").getLength());
      assertTrue(m.toGraphMl().contains("VPN &lt;setup&gt; &amp; &quot;tips&quot;"));

      String dot = m.toDot();
      assertTrue(dot.startsWith("digraph \"") && dot.strip().endsWith("}"));
      assertTrue(dot.contains("label=\"VPN <setup> & \\\"tips\\\"\""), dot);
      assertEquals(m.nodes().size() + m.edges().size() + 3, dot.split("\n").length, "one line per node and edge");
    }
  }

  private static String findLabel(JsonNode json, String id) {
    for (JsonNode n : json.get("nodes")) {
      if (n.get("id").asText().equals(id)) {
        return n.get("label").asText();
      }
    }
    return null;
  }

  /**
   * The access kit for maps: for random corpora, ACLs, events and viewers, a map names only readable items
   * and equals the map over a knowledge base holding only what the viewer may read.
   */
  @RepeatedTest(8)
  void mapsForAViewer_equalMapsOverTheItemsTheyMayRead(Random r) {
    String[] users = {"u0", "u1", "u2", "u3"};
    String[] concepts = {"network", "vpn", "wifi"};
    List<KnowledgeItem> items = new ArrayList<>();
    for (int i = 0; i < 8 + r.nextInt(20); i++) {
      Acl acl = switch (r.nextInt(4)) {
        case 0 -> Acl.NOBODY;
        case 1 -> Acl.users(users[r.nextInt(users.length)]);
        default -> Acl.PUBLIC;
      };
      KnowledgeItem.Builder b = item("i" + i, acl, concepts[r.nextInt(concepts.length)], "title " + i,
          users[r.nextInt(users.length)]).toBuilder();
      if (r.nextBoolean()) {
        b.verified(users[r.nextInt(users.length)], T0);
      }
      items.add(b.build());
    }
    List<UsageEvent> events = new ArrayList<>();
    for (int e = r.nextInt(40); e > 0; e--) {
      Principal who = Principal.of(users[r.nextInt(users.length)]);
      events.add(UsageEvent.ofItem(r.nextBoolean() ? UsageEventType.VIEW : UsageEventType.REUSE, T0, who,
          "i" + r.nextInt(items.size())).withContext(WorkContext.builder(who, T0).stage("proposal").build()));
    }
    Principal viewer = Principal.of(users[r.nextInt(users.length)]);
    try (GraphFixtures.Split split = GraphFixtures.Split.of(items, events, viewer)) {
      Set<String> readableIds = split.readableIds();
      KnowledgeGraph graph = split.graph();
      KnowledgeGraph onlyGraph = split.onlyGraph();
      KnowledgeMaps maps = KnowledgeMaps.builder(graph).clock(CLOCK).build();
      KnowledgeMaps reference = KnowledgeMaps.builder(onlyGraph).clock(CLOCK).build();
      String concept = concepts[r.nextInt(concepts.length)];
      WorkContext ctx = WorkContext.builder(viewer, T0).stage("proposal").build();
      for (KnowledgeMap[] pair : List.of(new KnowledgeMap[] {maps.forConcept(viewer, concept), reference.forConcept(viewer, concept)},
          new KnowledgeMap[] {maps.forContext(ctx), reference.forContext(ctx)})) {
        assertEquals(shape(pair[1]), shape(pair[0]));
        assertEquals(new HashSet<>(pair[1].edges()), new HashSet<>(pair[0].edges()));
        for (MapNode n : pair[0].nodes()) {
          assertTrue(!n.type().equals("item") || readableIds.contains(n.id().substring("item:".length())), n.toString());
        }
      }
    }
  }

  /** Each node's id, role and attributes other than floating-point scores. */
  private static Set<String> shape(KnowledgeMap m) {
    Set<String> out = new TreeSet<>();
    for (MapNode n : m.nodes()) {
      Map<String, String> attrs = new java.util.TreeMap<>(n.attributes());
      attrs.remove("score");
      out.add(n.id() + " " + n.role() + " " + n.section() + " " + n.label() + " " + attrs);
    }
    return out;
  }
}
