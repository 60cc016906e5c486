package io.zhiku.graph.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.graph.EdgeType;
import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.Node;
import io.zhiku.graph.NodeType;
import io.zhiku.testkit.Seeded;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.clustering.LabelPropagationClustering;
import org.jgrapht.alg.clustering.UndirectedModularityMeasurer;
import org.jgrapht.alg.linkprediction.AdamicAdarIndexLinkPrediction;
import org.jgrapht.alg.linkprediction.JaccardCoefficientLinkPrediction;
import org.jgrapht.alg.linkprediction.LinkPredictionIndexNotWellDefinedException;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Similarity and communities against JGraphT on seeded random graphs: Jaccard and Adamic-Adar equal
 * JGraphT's link-prediction indices on the undirected view of the edges a filter keeps; modularity equals
 * JGraphT's measurer; label propagation finds planted cliques exactly, as JGraphT's does, and partitions
 * of planted communities as good (by modularity) as JGraphT's label propagation.
 */
@Seeded
class CommunitiesAndSimilarityTest {
  private static final NodeType[] NODE_TYPES = {NodeType.PERSON, NodeType.ITEM, NodeType.CONCEPT};
  private static final EdgeType[] EDGE_TYPES = {EdgeType.USED, EdgeType.ABOUT, EdgeType.RELATED};

  /** A random directed typed graph and the undirected simple view of the edges of the chosen types (no loops). */
  private record Fixture(GraphSnapshot snapshot, Graph<Integer, DefaultWeightedEdge> undirected, Set<EdgeType> types) {}

  private static Fixture random(Random r, boolean loops) {
    int n = 2 + r.nextInt(r.nextBoolean() ? 10 : 60);
    int m = r.nextInt(3 * n + 1);
    GraphSnapshot.Builder b = GraphSnapshot.builder();
    List<Node> nodes = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      nodes.add(Node.of(NODE_TYPES[r.nextInt(NODE_TYPES.length)], "n" + v));
      b.node(nodes.get(v));
    }
    Set<EdgeType> types = new HashSet<>();
    for (EdgeType t : EDGE_TYPES) {
      if (r.nextInt(3) > 0) {
        types.add(t);
      }
    }
    Graph<Integer, DefaultWeightedEdge> j = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    for (int v = 0; v < n; v++) {
      j.addVertex(v);
    }
    for (int e = 0; e < m; e++) {
      int s = r.nextInt(n);
      int t = r.nextInt(n);
      if (s == t && !loops) {
        continue;
      }
      EdgeType type = EDGE_TYPES[r.nextInt(EDGE_TYPES.length)];
      double w = 1 + r.nextInt(4);
      b.edge(nodes.get(s), type, nodes.get(t), w);
      if (s != t && (types.isEmpty() || types.contains(type))) {
        DefaultWeightedEdge de = j.getEdge(s, t);
        if (de == null) {
          j.setEdgeWeight(j.addEdge(s, t), w);
        } else {
          j.setEdgeWeight(de, j.getEdgeWeight(de) + w);
        }
      }
    }
    return new Fixture(b.build(), j, types);
  }

  private static Traversal filter(Fixture f) {
    return Traversal.BOTH.edges(f.types().toArray(EdgeType[]::new));
  }

  @RepeatedTest(40)
  void jaccardAndAdamicAdar_equalJGraphT_andScoresForAllEqualPairwise(Random r) {
    Fixture f = random(r, true); // loops are no neighbours of their own node, in both
    GraphSnapshot g = f.snapshot();
    JaccardCoefficientLinkPrediction<Integer, DefaultWeightedEdge> jaccard = new JaccardCoefficientLinkPrediction<>(f.undirected());
    AdamicAdarIndexLinkPrediction<Integer, DefaultWeightedEdge> adamicAdar = new AdamicAdarIndexLinkPrediction<>(f.undirected());
    int u = r.nextInt(g.nodeCount());
    NodeScores jAll = Similarity.of(filter(f), Similarity.Measure.JACCARD).to(g, g.node(u));
    NodeScores aAll = Similarity.of(filter(f), Similarity.Measure.ADAMIC_ADAR).to(g, g.node(u));
    for (int v = 0; v < g.nodeCount(); v++) {
      if (v == u) {
        continue;
      }
      double ourJ = Similarity.of(filter(f), Similarity.Measure.JACCARD).between(g, g.node(u), g.node(v));
      double ourA = Similarity.of(filter(f), Similarity.Measure.ADAMIC_ADAR).between(g, g.node(u), g.node(v));
      double theirJ;
      try {
        theirJ = jaccard.predict(u, v);
      } catch (LinkPredictionIndexNotWellDefinedException e) {
        theirJ = 0; // no neighbours at all: we say 0
      }
      assertEquals(theirJ, ourJ, 1e-12, "jaccard " + u + "," + v);
      assertEquals(adamicAdar.predict(u, v), ourA, 1e-12, "adamic-adar " + u + "," + v);
      assertEquals(ourJ, jAll.toArray()[v], 1e-12);
      assertEquals(ourA, aAll.toArray()[v], 1e-12);
    }
    assertEquals(0, jAll.toArray()[u]);
  }

  @RepeatedTest(30)
  void modularity_equalsJGraphTsMeasurer(Random r) {
    Fixture f = random(r, false);
    Communities c = Communities.labelPropagation(filter(f), r.nextLong(), 1 + r.nextInt(20)).communities(f.snapshot());
    List<Set<Integer>> partition = new ArrayList<>();
    for (int k = 0; k < c.count(); k++) {
      Set<Integer> members = new HashSet<>();
      for (Node n : c.members(k)) {
        members.add(f.snapshot().indexOf(n));
      }
      partition.add(members);
    }
    if (f.undirected().edgeSet().isEmpty()) {
      assertEquals(0, c.modularity());
      return;
    }
    assertEquals(new UndirectedModularityMeasurer<>(f.undirected()).modularity(partition), c.modularity(), 1e-9);
  }

  /** Disjoint cliques with no edge between them: the communities are the cliques, for both. */
  @RepeatedTest(20)
  void plantedCliques_areFoundExactly_likeJGraphT(Random r) {
    int cliques = 1 + r.nextInt(6);
    GraphSnapshot.Builder b = GraphSnapshot.builder();
    Graph<Integer, DefaultWeightedEdge> j = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    List<Set<Integer>> planted = new ArrayList<>();
    int next = 0;
    for (int k = 0; k < cliques; k++) {
      int size = 3 + r.nextInt(6);
      Set<Integer> members = new HashSet<>();
      for (int i = 0; i < size; i++) {
        members.add(next + i);
        j.addVertex(next + i);
        b.node(Node.of(NodeType.PERSON, "p" + (next + i)));
      }
      for (int a = 0; a < size; a++) {
        for (int c = a + 1; c < size; c++) {
          Node from = Node.of(NodeType.PERSON, "p" + (next + (r.nextBoolean() ? a : c)));
          Node to = Node.of(NodeType.PERSON, "p" + (next + (from.id().equals("p" + (next + a)) ? c : a)));
          b.edge(from, EdgeType.RELATED, to, 1);
          j.addEdge(next + a, next + c);
        }
      }
      planted.add(members);
      next += size;
    }
    GraphSnapshot g = b.build();
    Communities ours = Communities.labelPropagation(Traversal.BOTH, r.nextLong(), 100).communities(g);
    Set<Set<Integer>> found = new HashSet<>();
    for (int k = 0; k < ours.count(); k++) {
      Set<Integer> members = new HashSet<>();
      ours.members(k).forEach(n -> members.add(Integer.parseInt(n.id().substring(1))));
      found.add(members);
    }
    assertEquals(new HashSet<>(planted), found);
    Set<Set<Integer>> theirs = new HashSet<>(new LabelPropagationClustering<>(j, 100, new Random(r.nextLong())).getClustering().getClusters());
    assertEquals(new HashSet<>(planted), theirs);
  }

  /** Planted communities with a few edges between them: our partitions are about as good as JGraphT's. */
  @Test
  void plantedCommunities_modularityAsGoodAsJGraphTsLabelPropagation() {
    Random r = new Random(20261122);
    double ours = 0;
    double theirs = 0;
    int runs = 20;
    for (int run = 0; run < runs; run++) {
      int groups = 3 + r.nextInt(4);
      int size = 10 + r.nextInt(10);
      int n = groups * size;
      GraphSnapshot.Builder b = GraphSnapshot.builder();
      Graph<Integer, DefaultWeightedEdge> j = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
      for (int v = 0; v < n; v++) {
        b.node(Node.of(NodeType.PERSON, "p" + v));
        j.addVertex(v);
      }
      for (int a = 0; a < n; a++) {
        for (int c = a + 1; c < n; c++) {
          double p = a / size == c / size ? 0.35 : 0.02;
          if (r.nextDouble() < p) {
            b.edge(Node.of(NodeType.PERSON, "p" + a), EdgeType.RELATED, Node.of(NodeType.PERSON, "p" + c), 1);
            j.addEdge(a, c);
          }
        }
      }
      GraphSnapshot g = b.build();
      ours += Communities.labelPropagation(Traversal.BOTH, r.nextLong(), 100).communities(g).modularity();
      theirs += new UndirectedModularityMeasurer<>(j).modularity(
          new LabelPropagationClustering<>(j, 100, new Random(r.nextLong())).getClustering().getClusters());
    }
    ours /= runs;
    theirs /= runs;
    assertTrue(ours >= theirs - 0.02, "mean modularity: ours " + ours + ", JGraphT " + theirs);
    assertTrue(ours > 0.3, "planted communities give a clearly positive modularity: " + ours);
  }

  @Test
  void sameSeed_sameCommunities_andBadInputsAreNamed() {
    Fixture f = random(new Random(7), false);
    Communities a = Communities.labelPropagation(Traversal.BOTH, 42, 50).communities(f.snapshot());
    Communities b = Communities.labelPropagation(Traversal.BOTH, 42, 50).communities(f.snapshot());
    for (int v = 0; v < f.snapshot().nodeCount(); v++) {
      assertEquals(a.of(f.snapshot().node(v)), b.of(f.snapshot().node(v)));
    }
    ValidationException e = assertThrows(ValidationException.class,
        () -> Communities.labelPropagation(Traversal.BOTH, 1, 0));
    assertTrue(e.getMessage().contains("maxRounds"), e.getMessage());
    assertThrows(ValidationException.class, () -> a.members(a.count()));
    assertThrows(ValidationException.class, () -> Similarity.of(Traversal.BOTH, Similarity.Measure.JACCARD)
        .between(f.snapshot(), Node.of(NodeType.ITEM, "absent"), f.snapshot().node(0)));
    assertThrows(ValidationException.class, () -> a.of(Node.of(NodeType.ITEM, "absent")));
  }
}
