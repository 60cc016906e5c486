package io.zhiku.graph.jgrapht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.graph.Edge;
import io.zhiku.graph.EdgeType;
import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.Node;
import io.zhiku.graph.NodeType;
import io.zhiku.testkit.Seeded;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.scoring.PageRank;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DirectedWeightedPseudograph;
import org.jgrapht.traverse.BreadthFirstIterator;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The read-only JGraphT view of a snapshot: JGraphT's own algorithms on the view give what they give on a
 * JGraphT copy of the snapshot's edges, on seeded random snapshots with several
 * edge types between two nodes and self-loops.
 */
@Seeded
class SnapshotGraphTest {
  private static final NodeType[] NODE_TYPES = {NodeType.PERSON, NodeType.ITEM, NodeType.CONCEPT};
  private static final EdgeType[] EDGE_TYPES = {EdgeType.USED, EdgeType.ABOUT, EdgeType.RELATED};

  private static GraphSnapshot random(Random r) {
    int n = 1 + r.nextInt(r.nextBoolean() ? 8 : 60);
    GraphSnapshot.Builder b = GraphSnapshot.builder();
    for (int v = 0; v < n; v++) {
      b.node(Node.of(NODE_TYPES[r.nextInt(NODE_TYPES.length)], "n" + v));
    }
    for (int m = r.nextInt(4 * n + 1); m > 0; m--) {
      b.edge(r.nextInt(n), EDGE_TYPES[r.nextInt(EDGE_TYPES.length)], r.nextInt(n), 1 + r.nextInt(9));
    }
    return b.build();
  }

  /** A JGraphT copy of the snapshot, built from its own edge list (Graphs.addGraph copies no weights). */
  private static Graph<Node, Edge> copy(GraphSnapshot g) {
    Graph<Node, Edge> copy = new DirectedWeightedPseudograph<>(Edge.class);
    for (int v = 0; v < g.nodeCount(); v++) {
      copy.addVertex(g.node(v));
    }
    for (Edge e : g.edges()) {
      copy.addEdge(e.source(), e.target(), e);
      copy.setEdgeWeight(e, e.weight());
    }
    return copy;
  }

  @RepeatedTest(40)
  void jgraphtAlgorithms_onTheView_equalThoseOnACopy(Random r) {
    GraphSnapshot g = random(r);
    SnapshotGraph view = SnapshotGraph.of(g);
    Graph<Node, Edge> copy = copy(g);

    assertEquals(copy.vertexSet(), view.vertexSet());
    assertEquals(copy.edgeSet(), view.edgeSet());
    assertEquals(g.edgeCount(), view.edgeSet().size());
    for (Node v : view.vertexSet()) {
      assertEquals(copy.outgoingEdgesOf(v), view.outgoingEdgesOf(v), "out " + v);
      assertEquals(copy.incomingEdgesOf(v), view.incomingEdgesOf(v), "in " + v);
      assertEquals(copy.edgesOf(v), view.edgesOf(v), "all " + v);
      assertEquals(copy.degreeOf(v), view.degreeOf(v), "degree " + v);
    }

    Map<Node, Double> theirs = new PageRank<>(copy, 0.85, 100, 1e-12).getScores();
    Map<Node, Double> ours = new PageRank<>(view, 0.85, 100, 1e-12).getScores();
    for (Node v : copy.vertexSet()) {
      assertEquals(theirs.get(v), ours.get(v), 1e-12, "PageRank of " + v);
    }

    assertEquals(components(new KosarajuStrongConnectivityInspector<>(copy).stronglyConnectedSets()),
        components(new KosarajuStrongConnectivityInspector<>(view).stronglyConnectedSets()), "strongly connected");
    assertEquals(components(new ConnectivityInspector<>(copy).connectedSets()),
        components(new ConnectivityInspector<>(view).connectedSets()), "weakly connected");

    List<Node> nodes = List.copyOf(view.vertexSet());
    for (int i = 0; i < 10; i++) {
      Node a = nodes.get(r.nextInt(nodes.size()));
      Node b = nodes.get(r.nextInt(nodes.size()));
      GraphPath<Node, Edge> p = new DijkstraShortestPath<>(copy).getPath(a, b);
      GraphPath<Node, Edge> q = new DijkstraShortestPath<>(view).getPath(a, b);
      assertEquals(p == null, q == null, a + " to " + b);
      if (p != null) {
        assertEquals(p.getWeight(), q.getWeight(), 1e-9, a + " to " + b);
      }
      Set<Node> reachedCopy = new HashSet<>();
      new BreadthFirstIterator<>(copy, a).forEachRemaining(reachedCopy::add);
      Set<Node> reachedView = new HashSet<>();
      new BreadthFirstIterator<>(view, a).forEachRemaining(reachedView::add);
      assertEquals(reachedCopy, reachedView, "reached from " + a);
    }
  }

  private static Set<Set<Node>> components(List<Set<Node>> sets) {
    return sets.stream().map(Set::copyOf).collect(Collectors.toSet());
  }

  @Test
  void view_isReadOnly_andAnswersAbsentVerticesAsJGraphTDoes() {
    Node alice = Node.of(NodeType.PERSON, "alice");
    Node faq = Node.of(NodeType.ITEM, "faq");
    Node absent = Node.of(NodeType.ITEM, "absent");
    GraphSnapshot g = GraphSnapshot.builder().edge(alice, EdgeType.USED, faq, 2).edge(alice, EdgeType.AUTHORED, faq, 1).build();
    SnapshotGraph view = SnapshotGraph.of(g);
    assertTrue(view.getType().isDirected() && view.getType().isWeighted() && view.getType().isAllowingMultipleEdges());
    assertFalse(view.getType().isModifiable());
    assertEquals(Set.of(new Edge(alice, EdgeType.USED, faq, 2), new Edge(alice, EdgeType.AUTHORED, faq, 1)),
        view.getAllEdges(alice, faq));
    assertEquals(2.0, view.getEdgeWeight(new Edge(alice, EdgeType.USED, faq, 2)));
    assertNull(view.getAllEdges(alice, absent));
    assertNull(view.getEdge(faq, alice));
    assertFalse(view.containsVertex(absent));
    assertFalse(view.containsEdge(new Edge(alice, EdgeType.USED, faq, 3)), "an edge is its weight too");
    assertThrows(IllegalArgumentException.class, () -> view.outgoingEdgesOf(absent));
    assertThrows(UnsupportedOperationException.class, () -> view.addVertex(absent));
    assertThrows(UnsupportedOperationException.class, () -> view.addEdge(alice, absent));
    assertThrows(UnsupportedOperationException.class, () -> view.removeVertex(alice));
    assertThrows(UnsupportedOperationException.class, () -> view.removeEdge(alice, faq));
    assertThrows(UnsupportedOperationException.class, () -> view.setEdgeWeight(new Edge(alice, EdgeType.USED, faq, 2), 5));
    assertThrows(UnsupportedOperationException.class, () -> view.vertexSet().remove(alice));
    assertEquals(g, view.snapshot());
  }
}
