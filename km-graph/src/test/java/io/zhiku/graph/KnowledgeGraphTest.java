package io.zhiku.graph;

import static io.zhiku.graph.GraphFixtures.ALICE;
import static io.zhiku.graph.GraphFixtures.BOB;
import static io.zhiku.graph.GraphFixtures.T0;
import static io.zhiku.graph.GraphFixtures.concept;
import static io.zhiku.graph.GraphFixtures.edges;
import static io.zhiku.graph.GraphFixtures.item;
import static io.zhiku.graph.GraphFixtures.kb;
import static io.zhiku.graph.GraphFixtures.nodes;
import static io.zhiku.graph.GraphFixtures.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.StorageException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemLink;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.graph.algo.Neighbourhood;
import io.zhiku.graph.algo.Traversal;
import io.zhiku.testkit.Seeded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graph kept in step with a real knowledge base (the embedded Lucene engine), persisted, and filtered by access. */
@Seeded
class KnowledgeGraphTest {
  @Test
  void itemsEventsAndTaxonomy_becomeEdges_andFollowPutsAndDeletes() {
    try (KnowledgeBase kb = kb().build(); KnowledgeGraph graph = KnowledgeGraph.builder(kb).build()) {
      kb.put(item("a", Acl.PUBLIC, List.of("vpn"), "alice").toBuilder()
          .link(ItemLink.REFERENCES, "b").verified("carol", T0).build());
      kb.put(item("b", Acl.PUBLIC, List.of("wifi"), "bob"));
      kb.record(UsageEvent.ofItem(UsageEventType.VIEW, T0, BOB, "a"));
      kb.record(UsageEvent.ofItem(UsageEventType.VIEW, T0, BOB, "a"));
      kb.record(UsageEvent.ofItem(UsageEventType.REUSE, T0, BOB, "a"));
      kb.record(UsageEvent.ofSearch(T0, BOB, "vpn", 3, null)); // draws nothing

      Map<String, Double> e = edges(graph.snapshot());
      assertEquals(Map.ofEntries(
          Map.entry("concept:vpn broader concept:network", 1.0),
          Map.entry("concept:wifi broader concept:network", 1.0),
          Map.entry("concept:wifi related concept:vpn", 1.0),
          Map.entry("concept:vpn related concept:wifi", 1.0),
          Map.entry("item:a about concept:vpn", 1.0),
          Map.entry("item:a references item:b", 1.0),
          Map.entry("person:alice authored item:a", 1.0),
          Map.entry("person:carol verified item:a", 1.0),
          Map.entry("item:b about concept:wifi", 1.0),
          Map.entry("person:bob authored item:b", 1.0),
          Map.entry("person:bob used item:a", 5.0)), e);
      assertEquals(2, graph.itemSequence(), "two puts");
      assertEquals(4, graph.eventSequence(), "four events");

      kb.put(item("a", Acl.PUBLIC, List.of("wifi"), "dave"));
      kb.delete("b");
      e = edges(graph.snapshot());
      assertTrue(e.containsKey("item:a about concept:wifi") && e.containsKey("person:dave authored item:a"), e.toString());
      assertFalse(e.containsKey("item:a about concept:vpn") || e.containsKey("person:alice authored item:a"));
      assertFalse(e.containsKey("item:b about concept:wifi"), "a deleted item's own edges go");
      assertEquals(5.0, e.get("person:bob used item:a"), "usage stays: it happened");
    }
  }

  @Test
  void snapshotForAPrincipal_leavesOutWhatTheyMayNotRead_andNodesKnownOnlyThroughIt() {
    try (KnowledgeBase kb = kb().build(); KnowledgeGraph graph = KnowledgeGraph.builder(kb).build()) {
      kb.put(item("open", Acl.PUBLIC, List.of("vpn"), "alice"));
      kb.put(item("secret", Acl.groups("rd"), List.of("vpn", "project-x"), "mallory"));
      kb.record(UsageEvent.ofItem(UsageEventType.VIEW, T0, Principal.of("eve"), "secret"));
      kb.record(UsageEvent.ofItem(UsageEventType.VIEW, T0, ALICE, "ghost")); // an item the store never held

      Set<Node> seen = nodes(graph.snapshot(ALICE));
      assertTrue(seen.containsAll(Set.of(item("open"), person("alice"), concept("vpn"), concept("network"))), seen.toString());
      for (Node hidden : List.of(item("secret"), person("mallory"), person("eve"), concept("project-x"), item("ghost"))) {
        assertFalse(seen.contains(hidden), hidden + " must not show for alice: " + seen);
      }
      assertTrue(nodes(graph.snapshot(BOB)).containsAll(Set.of(item("secret"), person("mallory"), concept("project-x"))));
      assertTrue(nodes(graph.snapshot()).contains(item("ghost")), "the host's own view has everything");

      assertTrue(graph.properties(ALICE, item("secret")).isEmpty());
      assertEquals("Item secret", graph.properties(BOB, item("secret")).get("title"));
      assertFalse(graph.canSee(ALICE, item("secret")));
      assertTrue(graph.canSee(ALICE, person("mallory")), "people are not access-controlled; their items are");

      // A new ACL is followed at once, and cached views are not reused after a change.
      kb.put(item("secret", Acl.PUBLIC, List.of("vpn"), "mallory"));
      assertTrue(nodes(graph.snapshot(ALICE)).contains(item("secret")));
    }
  }

  @Test
  void customersPartnersAndHostEdges_areFirstClass() {
    try (KnowledgeBase kb = kb().build(); KnowledgeGraph graph = KnowledgeGraph.builder(kb).build()) {
      kb.put(item("sol", Acl.PUBLIC, List.of("vpn"), "alice"));
      Node school = graph.putCustomer("school-1", Map.of("name", "No. 1 Middle School", "industry", "education"),
          List.of(concept("vpn"), concept("wifi")));
      Node partner = graph.putPartner("acme", Map.of("name", "ACME Networks"), List.of(item("sol")));
      graph.putEdge(new Edge(person("alice"), EdgeType.MEMBER_OF, Node.of(NodeType.TEAM, "edu-team"), 1));
      Map<String, Double> e = edges(graph.snapshot());
      assertTrue(e.containsKey("customer:school-1 needs concept:vpn") && e.containsKey("customer:school-1 needs concept:wifi"));
      assertTrue(e.containsKey("partner:acme offers item:sol"));
      assertTrue(e.containsKey("person:alice member-of team:edu-team"));
      assertEquals("education", graph.properties(ALICE, school).get("industry"));

      graph.putCustomer("school-1", Map.of("name", "No. 1 Middle School"), List.of(concept("wifi")));
      e = edges(graph.snapshot());
      assertFalse(e.containsKey("customer:school-1 needs concept:vpn"), "needs are replaced");
      assertTrue(graph.removeNode(partner));
      assertFalse(edges(graph.snapshot()).containsKey("partner:acme offers item:sol"));
      assertTrue(graph.removeEdge(person("alice"), EdgeType.MEMBER_OF, Node.of(NodeType.TEAM, "edu-team")));
      assertFalse(graph.removeEdge(person("alice"), EdgeType.MEMBER_OF, Node.of(NodeType.TEAM, "edu-team")));

      Map<String, Double> before = edges(graph.snapshot());
      ValidationException bad = assertThrows(ValidationException.class,
          () -> graph.putCustomer("school-1", Map.of("Bad Key", "x"), List.of(concept("vpn"))));
      assertTrue(bad.getMessage().contains("properties"), bad.getMessage());
      assertThrows(ValidationException.class, () -> graph.putNode(school, Map.of("name", "two\nlines")));
      assertThrows(ValidationException.class, () -> graph.putCustomer("bad id", Map.of(), List.of()));
      assertEquals(before, edges(graph.snapshot()), "bad input changes nothing");
      assertEquals("No. 1 Middle School", graph.properties(ALICE, school).get("name"));
    }
  }

  @Test
  void commitAndReopen_keepsWhatWasCommitted(@TempDir Path dir) {
    Map<String, Double> committed;
    try (KnowledgeBase kb = kb().directory(dir.resolve("kb")).build();
        KnowledgeGraph graph = KnowledgeGraph.builder(kb).directory(dir.resolve("graph")).build()) {
      kb.put(item("a", Acl.users("alice"), List.of("vpn"), "alice"));
      kb.record(UsageEvent.ofItem(UsageEventType.REUSE, T0, BOB, "a"));
      graph.putCustomer("c1", Map.of("name", "客户一"), List.of(concept("vpn")));
      graph.commit();
      committed = edges(graph.snapshot());
    }
    try (KnowledgeBase kb = kb().directory(dir.resolve("kb")).build();
        KnowledgeGraph graph = KnowledgeGraph.builder(kb).directory(dir.resolve("graph")).build()) {
      assertEquals(committed, edges(graph.snapshot()));
      assertEquals("客户一", graph.properties(BOB, Node.of(NodeType.CUSTOMER, "c1")).get("name"));
      assertFalse(graph.canSee(BOB, item("a")), "access facts survive the reopen");
      assertEquals(1, graph.itemSequence());
      assertEquals(1, graph.eventSequence());
    }
  }

  @Test
  void aGraphBehindTheKnowledgeBase_catchesUp_andADamagedFileIsNamed(@TempDir Path dir) throws IOException {
    Path kbDir = dir.resolve("kb");
    Path graphDir = dir.resolve("graph");
    KnowledgeBase kb = kb().directory(kbDir).build();
    KnowledgeGraph graph = KnowledgeGraph.builder(kb).directory(graphDir).build();
    kb.put(item("a", Acl.PUBLIC, List.of("vpn"), "alice"));
    graph.putNode(Node.of(NodeType.TEAM, "t"), Map.of("name", "Team"));
    graph.commit();
    // After the graph's commit: more items and events the knowledge base commits, then a crash of the graph.
    kb.put(item("b", Acl.PUBLIC, List.of("wifi"), "bob"));
    kb.delete("a");
    kb.record(UsageEvent.ofItem(UsageEventType.VIEW, T0, ALICE, "b"));
    graph.putNode(Node.of(NodeType.TEAM, "lost"), Map.of()); // never committed: lost with the crash
    kb.commit();
    kb.close(); // the graph is never closed: its last commit is all that is on disk

    try (KnowledgeBase again = kb().directory(kbDir).build();
        KnowledgeGraph reopened = KnowledgeGraph.builder(again).directory(graphDir).build();
        KnowledgeBase fresh = kb().build();
        KnowledgeGraph rebuilt = KnowledgeGraph.builder(fresh).build()) {
      fresh.put(item("b", Acl.PUBLIC, List.of("wifi"), "bob"));
      fresh.record(UsageEvent.ofItem(UsageEventType.VIEW, T0, ALICE, "b"));
      Set<Node> nodes = nodes(reopened.snapshot());
      assertTrue(nodes.contains(Node.of(NodeType.TEAM, "t")) && !nodes.contains(Node.of(NodeType.TEAM, "lost")));
      assertEquals(edges(rebuilt.snapshot()), edges(reopened.snapshot()), "caught up: the same as a graph built afresh");
      assertEquals(again.lastSequence(), reopened.itemSequence());
      assertEquals(again.events().lastSequence(), reopened.eventSequence());
    }

    Files.writeString(graphDir.resolve("graph.bin.tmp"), "a commit cut short");
    byte[] bytes = Files.readAllBytes(graphDir.resolve(GraphFile.NAME));
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(graphDir.resolve(GraphFile.NAME), bytes);
    try (KnowledgeBase again = kb().directory(kbDir).build()) {
      StorageException e = assertThrows(StorageException.class, () -> KnowledgeGraph.builder(again).directory(graphDir).build());
      assertTrue(e.getMessage().contains(GraphFile.NAME) && e.getMessage().contains("damaged"), e.getMessage());
      assertFalse(Files.exists(graphDir.resolve("graph.bin.tmp")), "an unfinished commit is cleared away");
    }
  }

  /**
   * The access kit for snapshots and traversals: for random corpora (ACLs, links to hidden and missing
   * items, events on hidden and missing items) and principals, a principal's snapshot has exactly the
   * edges of the snapshot over a knowledge base holding only what they may read, and every 2-hop
   * neighbourhood in it reaches the same nodes.
   */
  @RepeatedTest(8)
  void snapshotForAPrincipal_equalsTheGraphOfWhatTheyMayRead(Random r) {
    String[] users = {"u0", "u1", "u2", "u3"};
    String[] concepts = {"network", "vpn", "wifi", "not-in-taxonomy"};
    List<KnowledgeItem> items = new ArrayList<>();
    int n = 5 + r.nextInt(25);
    for (int i = 0; i < n; i++) {
      Acl acl = switch (r.nextInt(4)) {
        case 0 -> Acl.NOBODY;
        case 1 -> Acl.users(users[r.nextInt(users.length)]);
        case 2 -> Acl.groups("g" + r.nextInt(2));
        default -> Acl.PUBLIC;
      };
      KnowledgeItem.Builder b = item("i" + i, acl, List.of(concepts[r.nextInt(concepts.length)]), users[r.nextInt(users.length)])
          .toBuilder();
      int target = r.nextInt(n + 3); // i<n>.. do not exist
      if (r.nextBoolean() && target != i) {
        b.link("references", "i" + target);
      }
      if (r.nextInt(3) == 0) {
        b.verified(users[r.nextInt(users.length)], T0);
      }
      items.add(b.build());
    }
    List<UsageEvent> events = new ArrayList<>();
    UsageEventType[] types = {UsageEventType.REUSE, UsageEventType.VIEW, UsageEventType.ANSWERED, UsageEventType.VERIFY};
    for (int e = r.nextInt(40); e > 0; e--) {
      events.add(UsageEvent.ofItem(types[r.nextInt(types.length)], T0, Principal.of(users[r.nextInt(users.length)]),
          "i" + r.nextInt(n + 3)));
    }
    Principal p = Principal.of(users[r.nextInt(users.length)], List.of("g" + r.nextInt(2)), List.of());
    try (GraphFixtures.Split split = GraphFixtures.Split.of(items, events, p)) {
      GraphSnapshot mine = split.graph().snapshot(p);
      GraphSnapshot want = split.onlyGraph().snapshot(p);
      assertEquals(edges(want), edges(mine), "principal " + p);
      assertEquals(nodes(want), nodes(mine));
      for (int v = 0; v < mine.nodeCount(); v++) {
        Node start = mine.node(v);
        assertEquals(reached(want, start), reached(mine, start), "2 hops from " + start);
      }
    }
  }

  private static Set<Node> reached(GraphSnapshot g, Node start) {
    return Set.copyOf(Neighbourhood.within(g, start, 2, Traversal.BOTH).nodes());
  }

  /**
   * Seeded random histories of item writes, events, host edges, graph commits and crashes: after every
   * reopen the graph equals one built afresh from the knowledge base and the host edges of its last commit.
   */
  @RepeatedTest(6)
  void randomHistoriesWithCrashes_reopenToTheCommittedState(Random r, @TempDir Path dir) {
    Path kbDir = dir.resolve("kb");
    Path graphDir = dir.resolve("graph");
    Map<Node, Map<String, String>> hostNow = new HashMap<>();
    Map<Node, Map<String, String>> hostCommitted = new HashMap<>();
    for (int round = 0; round < 4; round++) {
      KnowledgeBase kb = kb().directory(kbDir).build();
      KnowledgeGraph graph = KnowledgeGraph.builder(kb).directory(graphDir).build();
      hostNow = new HashMap<>(hostCommitted);
      assertEquals(expected(kb, hostCommitted), edges(graph.snapshot()), "round " + round);
      for (int step = 0; step < 30; step++) {
        switch (r.nextInt(5)) {
          case 0, 1 -> kb.put(item("i" + r.nextInt(8), r.nextBoolean() ? Acl.PUBLIC : Acl.users("u" + r.nextInt(3)),
              List.of(List.of("vpn", "wifi", "network").get(r.nextInt(3))), "u" + r.nextInt(3)));
          case 2 -> kb.delete("i" + r.nextInt(8));
          case 3 -> kb.record(UsageEvent.ofItem(r.nextBoolean() ? UsageEventType.VIEW : UsageEventType.REUSE, T0,
              Principal.of("u" + r.nextInt(3)), "i" + r.nextInt(8)));
          default -> {
            Node team = Node.of(NodeType.TEAM, "t" + r.nextInt(3));
            Map<String, String> props = Map.of("size", Integer.toString(r.nextInt(9)));
            graph.putNode(team, props);
            hostNow.put(team, props);
          }
        }
        if (r.nextInt(10) == 0) {
          graph.commit();
          hostCommitted = new HashMap<>(hostNow);
        } else if (r.nextInt(10) == 0) {
          kb.commit();
        }
      }
      if (r.nextBoolean()) {
        graph.close();
        hostCommitted = new HashMap<>(hostNow);
      }
      kb.close(); // a graph left open has crashed
    }
  }

  /** The edges of a graph built afresh: the knowledge base's items and events, and host nodes. */
  private static Map<String, Double> expected(KnowledgeBase kb, Map<Node, Map<String, String>> host) {
    try (KnowledgeBase fresh = kb().build(); KnowledgeGraph g = KnowledgeGraph.builder(fresh).build()) {
      List<KnowledgeItem> items = new ArrayList<>();
      kb.forEachItem(items::add);
      if (!items.isEmpty()) {
        fresh.putAll(items);
      }
      List<UsageEvent> events = new ArrayList<>();
      kb.events().scan(io.zhiku.core.event.EventQuery.ALL, row -> events.add(row.toEvent()));
      if (!events.isEmpty()) {
        fresh.events().recordAll(events);
      }
      host.forEach(g::putNode);
      return edges(g.snapshot());
    }
  }
}
