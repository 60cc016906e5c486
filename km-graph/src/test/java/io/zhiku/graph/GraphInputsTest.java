package io.zhiku.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import java.util.List;
import java.util.Map;
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
  void smallGraph_byHand() {
    GraphSnapshot g = GraphSnapshot.builder()
        .edge(ALICE, EdgeType.USED, FAQ, 2)
        .edge(ALICE, EdgeType.USED, FAQ, 3)
        .edge(FAQ, EdgeType.ABOUT, VPN, 1)
        .build();
    assertEquals(3, g.nodeCount());
    assertEquals(List.of(new Edge(ALICE, EdgeType.USED, FAQ, 5), new Edge(FAQ, EdgeType.ABOUT, VPN, 1)), g.edges());
    assertEquals(-1, g.indexOf(Node.of(NodeType.PERSON, "bob")));
    int alice = g.indexOf(ALICE);
    int vpn = g.indexOf(VPN);
    assertEquals(NodeType.CONCEPT, g.nodeType(vpn));
    Neighbourhood two = Neighbourhood.within(g, alice, 2, Traversal.OUT);
    assertEquals(2, two.hops(vpn));
    assertEquals(-1, Neighbourhood.within(g, alice, 2, Traversal.OUT.nodes(NodeType.CONCEPT)).hops(vpn),
        "an item may not be passed through");
    assertEquals(-1, Neighbourhood.within(g, vpn, 2, Traversal.OUT).hops(alice), "edges are directed");
    assertEquals(2, Neighbourhood.within(g, vpn, 2, Traversal.of(Direction.IN)).hops(alice));
    ShortestPath p = ShortestPath.between(g, alice, vpn, Traversal.OUT, ShortestPath.Cost.INVERSE_WEIGHT).orElseThrow();
    assertEquals(List.of(alice, g.indexOf(FAQ), vpn), p.nodes());
    assertEquals(1.0 / 5 + 1, p.cost(), 1e-12);
    NodeScores pr = PageRank.builder().build().scores(g);
    assertEquals(vpn, pr.top(1)[0], "the sink of every walk ranks first");
    refused("node", () -> g.node(3));
    refused("maxHops", () -> Neighbourhood.within(g, alice, Neighbourhood.MAX_HOPS + 1, Traversal.OUT));
    refused("damping", () -> PageRank.builder().damping(1));
    refused("iterations", () -> PageRank.builder().iterations(0));
    refused("tolerance", () -> PageRank.builder().tolerance(-1));
    refused("restart", () -> PageRank.builder().build().personalised(g, Map.of()));
    refused("restart", () -> PageRank.builder().build().personalised(g, Map.of(Node.of(NodeType.ITEM, "nope"), 1.0)));
    refused("restart[", () -> PageRank.builder().build().personalised(g, Map.of(ALICE, -1.0)));
    refused("k", () -> pr.top(-1));
  }
}
