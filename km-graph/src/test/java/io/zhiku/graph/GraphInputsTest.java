package io.zhiku.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.graph.algo.GraphPath;
import io.zhiku.graph.algo.Neighbourhood;
import io.zhiku.graph.algo.NodeScores;
import io.zhiku.graph.algo.PageRank;
import io.zhiku.graph.algo.ShortestPath;
import io.zhiku.graph.algo.Traversal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bad input is refused with the field, the value and the limit named; a small graph by hand. */
class GraphInputsTest {
  private static final Node ALICE = Node.of(NodeType.PERSON, "alice");
  private static final Node FAQ = Node.of(NodeType.ITEM, "faq-1");
  private static final Node VPN = Node.of(NodeType.CONCEPT, "vpn");

  private static void refused(String field, Runnable r) {
    ValidationException e = assertThrows(ValidationException.class, r::run);
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }

  @Test
  void values_refuseMalformedParts() {
    refused("NodeType.name", () -> NodeType.of("Person!"));
    refused("EdgeType.name", () -> EdgeType.of(""));
    refused("Node.id", () -> Node.of(NodeType.ITEM, "-x"));
    refused("Node.type", () -> Node.of(null, "x"));
    refused("Edge.weight", () -> new Edge(ALICE, EdgeType.USED, FAQ, 0));
    refused("Traversal.direction", () -> new Traversal(null, Set.of(), Set.of()));
  }

  @Test
  void builder_refusesBadWeightsNumbersAndTooManyTypes_andBuildsOnce() {
    GraphSnapshot.Builder b = GraphSnapshot.builder();
    for (double w : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 1e39, 1e-50}) {
      refused("weight", () -> b.edge(ALICE, EdgeType.USED, FAQ, w));
    }
    refused("target", () -> b.edge(0, EdgeType.USED, 5, 1));
    refused("source", () -> b.edge(-1, EdgeType.USED, 0, 1));
    for (int t = 0; t < GraphSnapshot.MAX_EDGE_TYPES; t++) {
      b.edge(ALICE, EdgeType.of("t" + t), FAQ, 1);
    }
    refused("type", () -> b.edge(ALICE, EdgeType.of("one-more"), FAQ, 1));
    assertEquals(GraphSnapshot.MAX_EDGE_TYPES, b.build().edgeCount());
    refused("builder", b::build);
  }

  @Test
  void builder_refusesTheNodeTypeOverTheLimit_andKeepsWhatItHad() {
    GraphSnapshot.Builder b = GraphSnapshot.builder();
    for (int t = 0; t < GraphSnapshot.MAX_NODE_TYPES; t++) {
      b.node(Node.of(NodeType.of("t" + t), "x"));
    }
    refused("node type", () -> b.node(Node.of(NodeType.of("one-more"), "x")));
    GraphSnapshot g = b.build();
    assertEquals(GraphSnapshot.MAX_NODE_TYPES, g.nodeCount());
    assertEquals(-1, g.indexOf(Node.of(NodeType.of("one-more"), "x")));
  }

  /**
   * The compact node table (ids in one byte array, an open-addressing index) against a map, seeded: ids
   * of every allowed character and length 1 to 128, the same id under several types, ids that are
   * prefixes of others, repeats, and lookups of absent nodes.
   */
  @Test
  void nodeNumbering_agreesWithAMap_seeded() {
    String alphabet = "ABCXYZabcxyz0189_.:@-";
    NodeType[] types = {NodeType.ITEM, NodeType.PERSON, NodeType.CONCEPT, NodeType.of("host-kind")};
    for (long seed = 1; seed <= 5; seed++) {
      Random r = new Random(seed);
      GraphSnapshot.Builder b = GraphSnapshot.builder();
      Map<Node, Integer> expected = new HashMap<>();
      List<Node> order = new ArrayList<>();
      int adds = 2_000 + r.nextInt(20_000);
      for (int i = 0; i < adds; i++) {
        Node n;
        if (!order.isEmpty() && r.nextInt(4) == 0) {
          Node old = order.get(r.nextInt(order.size()));
          n = r.nextBoolean() ? old : Node.of(types[r.nextInt(types.length)], old.id()); // repeat, or retyped
        } else {
          n = Node.of(types[r.nextInt(types.length)], randomId(r, alphabet));
        }
        Integer want = expected.get(n);
        if (want == null) {
          want = order.size();
          expected.put(n, want);
          order.add(n);
        }
        assertEquals(want, b.node(n), "seed " + seed + " node " + n);
      }
      GraphSnapshot g = b.build();
      assertEquals(order.size(), g.nodeCount(), "seed " + seed);
      for (int v = 0; v < order.size(); v++) {
        assertEquals(order.get(v), g.node(v));
        assertEquals(order.get(v).type(), g.nodeType(v));
        assertEquals(v, g.indexOf(order.get(v)));
      }
      for (int i = 0; i < 2_000; i++) {
        Node absent = Node.of(types[r.nextInt(types.length)], randomId(r, alphabet));
        assertEquals(expected.getOrDefault(absent, -1), g.indexOf(absent), "seed " + seed + " lookup " + absent);
        Node known = order.get(r.nextInt(order.size()));
        if (known.id().length() < 128) {
          Node longer = Node.of(known.type(), known.id() + "x");
          assertEquals(expected.getOrDefault(longer, -1), g.indexOf(longer), "an id extended");
        }
        if (known.id().length() > 1) {
          Node prefix = Node.of(known.type(), known.id().substring(0, known.id().length() - 1));
          assertEquals(expected.getOrDefault(prefix, -1), g.indexOf(prefix), "an id's prefix");
        }
      }
      assertEquals(-1, g.indexOf(Node.of(NodeType.of("never-added"), order.get(0).id())));
    }
  }

  private static String randomId(Random r, String alphabet) {
    int length = r.nextInt(10) == 0 ? 1 + r.nextInt(128) : 1 + r.nextInt(4);
    StringBuilder id = new StringBuilder();
    id.append(alphabet.charAt(r.nextInt(17))); // ids may not start with . : @ -
    while (id.length() < length) {
      id.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return id.toString();
  }

  @Test
  void smallGraph_byHand() {
    GraphSnapshot g = GraphSnapshot.builder()
        .edge(ALICE, EdgeType.USED, FAQ, 2)
        .edge(ALICE, EdgeType.USED, FAQ, 3)
        .edge(FAQ, EdgeType.ABOUT, VPN, 1)
        .build();
    assertEquals(3, g.nodeCount());
    assertEquals(List.of(new Edge(ALICE, EdgeType.USED, FAQ, 5), new Edge(FAQ, EdgeType.ABOUT, VPN, 1)), g.edges());
    assertEquals(-1, g.indexOf(Node.of(NodeType.PERSON, "bob")));
    assertEquals(NodeType.CONCEPT, g.nodeType(g.indexOf(VPN)));
    Neighbourhood two = Neighbourhood.within(g, ALICE, 2, Traversal.OUT);
    assertEquals(2, two.hops(VPN));
    assertEquals(List.of(ALICE, FAQ, VPN), two.nodes());
    assertEquals(-1, Neighbourhood.within(g, ALICE, 2, Traversal.OUT.nodes(NodeType.CONCEPT)).hops(VPN),
        "an item may not be passed through");
    assertEquals(-1, Neighbourhood.within(g, VPN, 2, Traversal.OUT).hops(ALICE), "edges are directed");
    assertEquals(2, Neighbourhood.within(g, VPN, 2, Traversal.of(EdgeDirection.IN)).hops(ALICE));
    assertEquals(-1, two.hops(Node.of(NodeType.PERSON, "bob")), "a node the snapshot lacks is out of reach");
    GraphPath p = ShortestPath.of(Traversal.OUT, ShortestPath.Cost.INVERSE_WEIGHT).path(g, ALICE, VPN).orElseThrow();
    assertEquals(List.of(ALICE, FAQ, VPN), p.nodes());
    assertEquals(1.0 / 5 + 1, p.cost(), 1e-12);
    NodeScores pr = PageRank.builder().build().scores(g);
    assertEquals(List.of(VPN), pr.top(1), "the sink of every walk ranks first");
    refused("node", () -> g.node(3));
    refused("start", () -> Neighbourhood.within(g, Node.of(NodeType.PERSON, "bob"), 2, Traversal.OUT));
    refused("target", () -> ShortestPath.of(Traversal.OUT, ShortestPath.Cost.HOPS).path(g, ALICE, Node.of(NodeType.PERSON, "bob")));
    refused("maxHops", () -> Neighbourhood.within(g, ALICE, Neighbourhood.MAX_HOPS + 1, Traversal.OUT));
    refused("damping", () -> PageRank.builder().damping(1));
    refused("iterations", () -> PageRank.builder().iterations(0));
    refused("tolerance", () -> PageRank.builder().tolerance(-1));
    refused("restart", () -> PageRank.builder().build().personalised(g, Map.of()));
    refused("restart", () -> PageRank.builder().build().personalised(g, Map.of(Node.of(NodeType.ITEM, "nope"), 1.0)));
    refused("restart[", () -> PageRank.builder().build().personalised(g, Map.of(ALICE, -1.0)));
    refused("k", () -> pr.top(-1));
  }
}
