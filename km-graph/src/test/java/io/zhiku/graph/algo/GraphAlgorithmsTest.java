package io.zhiku.graph.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.graph.Edge;
import io.zhiku.graph.EdgeDirection;
import io.zhiku.graph.EdgeType;
import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.Node;
import io.zhiku.graph.NodeType;
import io.zhiku.testkit.Seeded;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.scoring.PageRank;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.AsUndirectedGraph;
import org.jgrapht.graph.DirectedWeightedPseudograph;
import org.jgrapht.graph.EdgeReversedGraph;
import org.jgrapht.graph.MaskSubgraph;
import org.jgrapht.traverse.BreadthFirstIterator;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Every algorithm against JGraphT on seeded random typed graphs (self-loops, repeated edges, dangling
 * nodes, several components), and the snapshot's arrays against a plain map of the edges.
 */
@Seeded
class GraphAlgorithmsTest {
  private static final NodeType[] NODE_TYPES = {NodeType.PERSON, NodeType.ITEM, NodeType.CONCEPT};
  private static final EdgeType[] EDGE_TYPES = {EdgeType.USED, EdgeType.ABOUT, EdgeType.RELATED};

  /** A random graph both as a snapshot and as a JGraphT pseudograph (one JGraphT edge per added edge). */
  private record Fixture(GraphSnapshot snapshot, Graph<Integer, TypedEdge> jgrapht, List<Edge> added) {}

  /** A JGraphT edge that remembers its type (JGraphT edges are compared by identity). */
  private static final class TypedEdge {
    final EdgeType type;
    final double weight;

    TypedEdge(EdgeType type, double weight) {
      this.type = type;
      this.weight = weight;
    }
  }

  private static Fixture random(Random r) {
    int n = 1 + r.nextInt(r.nextBoolean() ? 8 : 60);
    int m = r.nextInt(4 * n + 1);
    List<Node> nodes = new ArrayList<>();
    GraphSnapshot.Builder b = GraphSnapshot.builder();
    Graph<Integer, TypedEdge> j = new DirectedWeightedPseudograph<>(TypedEdge.class);
    for (int v = 0; v < n; v++) {
      Node node = Node.of(NODE_TYPES[r.nextInt(NODE_TYPES.length)], "n" + v);
      nodes.add(node);
      assertEquals(v, b.node(node));
      j.addVertex(v);
    }
    List<Edge> added = new ArrayList<>();
    for (int e = 0; e < m; e++) {
      int s = r.nextInt(n);
      int t = r.nextInt(4) == 0 && !added.isEmpty() ? nodes.indexOf(added.get(r.nextInt(added.size())).target()) : r.nextInt(n);
      EdgeType type = EDGE_TYPES[r.nextInt(EDGE_TYPES.length)];
      double w = r.nextBoolean() ? 1 : 1 + r.nextInt(9) / 4.0; // exact in a float
      b.edge(nodes.get(s), type, nodes.get(t), w);
      TypedEdge te = new TypedEdge(type, w);
      j.addEdge(s, t, te);
      j.setEdgeWeight(te, w);
      added.add(new Edge(nodes.get(s), type, nodes.get(t), w));
    }
    return new Fixture(b.build(), j, added);
  }

  @RepeatedTest(40)
  void snapshot_holdsEachEdgeOnce_withSummedWeights_bothWays(Random r) {
    Fixture f = random(r);
    GraphSnapshot g = f.snapshot();
    Map<List<Object>, Double> expected = new HashMap<>();
    for (Edge e : f.added()) {
      expected.merge(List.of(e.source(), e.type(), e.target()), e.weight(), Double::sum);
    }
    Map<List<Object>, Double> actual = new HashMap<>();
    for (Edge e : g.edges()) {
      assertEquals(null, actual.put(List.of(e.source(), e.type(), e.target()), e.weight()), "one edge per source, type, target");
    }
    assertEquals(expected, actual);
    assertEquals(expected.size(), g.edgeCount());
    for (int v = 0; v < g.nodeCount(); v++) {
      Node node = g.node(v);
      long in = expected.keySet().stream().filter(k -> k.get(2).equals(node)).count();
      long out = expected.keySet().stream().filter(k -> k.get(0).equals(node)).count();
      assertEquals(in, g.inDegree(v), "in-degree of " + node);
      assertEquals(out, g.outDegree(v), "out-degree of " + node);
      Map<List<Object>, Double> incoming = new HashMap<>();
      int self = v;
      g.forEachEdge(v, EdgeDirection.IN, (other, type, weight) -> incoming.put(List.of(g.node(other), type, g.node(self)), weight));
      Map<List<Object>, Double> expectedIncoming = new HashMap<>(expected);
      expectedIncoming.keySet().removeIf(k -> !k.get(2).equals(node));
      assertEquals(expectedIncoming, incoming);
    }
  }

  @RepeatedTest(40)
  void pageRank_equalsJGraphT(Random r) {
    Fixture f = random(r);
    double damping = 0.5 + r.nextInt(45) / 100.0;
    NodeScores ours = io.zhiku.graph.algo.PageRank.builder().damping(damping).iterations(200).build().scores(f.snapshot());
    Map<Integer, Double> theirs = new PageRank<>(f.jgrapht(), damping, 200, Double.MIN_VALUE).getScores();
    double sum = 0;
    for (int v = 0; v < f.snapshot().nodeCount(); v++) {
      assertEquals(theirs.get(v), ours.toArray()[v], 1e-9, "node " + v);
      sum += ours.toArray()[v];
    }
    assertEquals(1, sum, 1e-9);
  }

  /**
   * Both ways along edges: JGraphT's PageRank on the undirected view of the same multigraph, without
   * self-loops (JGraphT's undirected view counts a loop's weight differently; ours counts a loop once).
   */
  @RepeatedTest(30)
  void pageRank_bothWays_equalsJGraphTOnTheUndirectedView(Random r) {
    Fixture f = random(r);
    GraphSnapshot.Builder b = GraphSnapshot.builder();
    for (int v = 0; v < f.snapshot().nodeCount(); v++) {
      b.node(f.snapshot().node(v));
    }
    f.added().stream().filter(e -> !e.source().equals(e.target())).forEach(e -> b.edge(e.source(), e.type(), e.target(), e.weight()));
    Graph<Integer, TypedEdge> noLoops = new MaskSubgraph<>(f.jgrapht(), v -> false,
        e -> f.jgrapht().getEdgeSource(e).equals(f.jgrapht().getEdgeTarget(e)));
    double damping = 0.5 + r.nextInt(45) / 100.0;
    NodeScores ours = io.zhiku.graph.algo.PageRank.builder().damping(damping).iterations(200).direction(EdgeDirection.BOTH).build()
        .scores(b.build());
    Map<Integer, Double> theirs = new PageRank<>(new AsUndirectedGraph<>(noLoops), damping, 200, Double.MIN_VALUE).getScores();
    for (int v = 0; v < f.snapshot().nodeCount(); v++) {
      assertEquals(theirs.get(v), ours.toArray()[v], 1e-9, "node " + v);
    }
  }

  @RepeatedTest(30)
  void pageRank_overSomeEdgeTypes_equalsJGraphTOnThoseEdgesOnly(Random r) {
    Fixture f = random(r);
    EdgeType kept = EDGE_TYPES[r.nextInt(EDGE_TYPES.length)];
    NodeScores ours = io.zhiku.graph.algo.PageRank.builder().iterations(100).edgeTypes(kept).build().scores(f.snapshot());
    Graph<Integer, TypedEdge> only = new MaskSubgraph<>(f.jgrapht(), v -> false, e -> !e.type.equals(kept));
    Map<Integer, Double> theirs = new PageRank<>(only, 0.85, 100, Double.MIN_VALUE).getScores();
    for (int v = 0; v < f.snapshot().nodeCount(); v++) {
      assertEquals(theirs.get(v), ours.toArray()[v], 1e-9, "node " + v);
    }
  }

  /** Personalised PageRank against a plain power iteration written from the definition. */
  @RepeatedTest(30)
  void personalisedPageRank_equalsThePlainDefinition(Random r) {
    Fixture f = random(r);
    GraphSnapshot g = f.snapshot();
    int n = g.nodeCount();
    Map<Node, Double> restart = new HashMap<>();
    for (int i = 0; i < 1 + r.nextInt(3); i++) {
      restart.put(g.node(r.nextInt(n)), 1.0 + r.nextInt(3));
    }
    double total = restart.values().stream().mapToDouble(Double::doubleValue).sum();
    double[] p = new double[n];
    restart.forEach((node, w) -> p[g.indexOf(node)] = w / total);
    double d = 0.85;
    double[] s = p.clone();
    for (int it = 0; it < 60; it++) {
      double[] next = new double[n];
      double dangling = 0;
      for (int u = 0; u < n; u++) {
        double out = 0;
        for (Edge e : g.edges()) {
          out += e.source().equals(g.node(u)) ? e.weight() : 0;
        }
        if (out == 0) {
          dangling += s[u];
          continue;
        }
        for (Edge e : g.edges()) {
          if (e.source().equals(g.node(u))) {
            next[g.indexOf(e.target())] += d * s[u] * e.weight() / out;
          }
        }
      }
      for (int v = 0; v < n; v++) {
        next[v] += (1 - d) * p[v] + d * dangling * p[v];
      }
      s = next;
    }
    NodeScores ours = io.zhiku.graph.algo.PageRank.builder().iterations(60).build().personalised(g, restart);
    for (int v = 0; v < n; v++) {
      assertEquals(s[v], ours.toArray()[v], 1e-9, "node " + v);
    }
  }

  @RepeatedTest(40)
  void neighbourhood_equalsJGraphTBreadthFirst(Random r) {
    Fixture f = random(r);
    GraphSnapshot g = f.snapshot();
    int start = r.nextInt(g.nodeCount());
    int maxHops = r.nextInt(4);
    EdgeDirection direction = EdgeDirection.values()[r.nextInt(3)];
    Set<EdgeType> edgeTypes = r.nextBoolean() ? Set.of() : Set.of(EDGE_TYPES[r.nextInt(EDGE_TYPES.length)]);
    Set<NodeType> nodeTypes = r.nextBoolean() ? Set.of() : Set.of(NODE_TYPES[r.nextInt(NODE_TYPES.length)]);
    Neighbourhood ours = Neighbourhood.within(g, g.node(start), maxHops, new Traversal(direction, edgeTypes, nodeTypes));

    Graph<Integer, TypedEdge> masked = new MaskSubgraph<>(f.jgrapht(),
        v -> v != start && !nodeTypes.isEmpty() && !nodeTypes.contains(g.nodeType(v)),
        e -> !edgeTypes.isEmpty() && !edgeTypes.contains(e.type));
    Graph<Integer, TypedEdge> walked = switch (direction) {
      case OUT -> masked;
      case IN -> new EdgeReversedGraph<>(masked);
      case BOTH -> new AsUndirectedGraph<>(masked);
    };
    Map<Integer, Integer> expected = new HashMap<>();
    BreadthFirstIterator<Integer, TypedEdge> bfs = new BreadthFirstIterator<>(walked, start);
    while (bfs.hasNext()) {
      int v = bfs.next();
      if (bfs.getDepth(v) <= maxHops) {
        expected.put(v, bfs.getDepth(v));
      }
    }
    Map<Integer, Integer> actual = new HashMap<>();
    for (Node n : ours.nodes()) {
      actual.put(g.indexOf(n), ours.hops(n));
    }
    assertEquals(expected, actual);
    assertEquals(g.node(start), ours.nodes().get(0));
    for (int v = 0; v < g.nodeCount(); v++) {
      assertEquals(expected.getOrDefault(v, -1), ours.hops(g.node(v)));
    }
  }

  @RepeatedTest(40)
  void shortestPath_costEqualsJGraphTDijkstra_andThePathIsReal(Random r) {
    Fixture f = random(r);
    GraphSnapshot g = f.snapshot();
    int source = r.nextInt(g.nodeCount());
    int target = r.nextInt(g.nodeCount());
    ShortestPath.Cost cost = ShortestPath.Cost.values()[r.nextInt(3)];
    EdgeDirection direction = r.nextBoolean() ? EdgeDirection.OUT : EdgeDirection.BOTH;
    Optional<GraphPath> ours = ShortestPath.of(Traversal.of(direction), cost).path(g, g.node(source), g.node(target));

    Graph<Integer, TypedEdge> costed = new DirectedWeightedPseudograph<>(TypedEdge.class);
    for (int v = 0; v < g.nodeCount(); v++) {
      costed.addVertex(v);
    }
    for (Edge e : g.edges()) { // the snapshot's merged edges: a weight is the sum of the repeated ones
      double c = switch (cost) {
        case HOPS -> 1;
        case WEIGHT -> e.weight();
        case INVERSE_WEIGHT -> 1 / e.weight();
      };
      TypedEdge te = new TypedEdge(e.type(), c);
      costed.addEdge(g.indexOf(e.source()), g.indexOf(e.target()), te);
      costed.setEdgeWeight(te, c);
    }
    Graph<Integer, TypedEdge> walked = direction == EdgeDirection.OUT ? costed : new AsUndirectedGraph<>(costed);
    var theirs = new DijkstraShortestPath<>(walked).getPath(source, target);
    assertEquals(theirs == null, ours.isEmpty(), "reachable");
    if (theirs == null) {
      return;
    }
    assertEquals(theirs.getWeight(), ours.get().cost(), 1e-9);
    List<Integer> path = ours.get().nodes().stream().map(g::indexOf).toList();
    assertEquals(source, path.get(0));
    assertEquals(target, path.get(path.size() - 1));
    double sum = 0;
    for (int i = 0; i + 1 < path.size(); i++) {
      int a = path.get(i);
      int b = path.get(i + 1);
      double best = Double.POSITIVE_INFINITY;
      for (TypedEdge e : walked.getAllEdges(a, b)) {
        best = Math.min(best, e.weight);
      }
      assertTrue(best < Double.POSITIVE_INFINITY, "an edge " + a + " - " + b);
      sum += best;
    }
    assertEquals(ours.get().cost(), sum, 1e-9);
    Set<Integer> distinct = new HashSet<>(path);
    assertEquals(path.size(), distinct.size(), "no node twice");
  }
}
