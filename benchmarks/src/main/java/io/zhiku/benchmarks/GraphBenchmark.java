package io.zhiku.benchmarks;

import io.zhiku.graph.EdgeType;
import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.Node;
import io.zhiku.graph.NodeType;
import io.zhiku.graph.algo.Neighbourhood;
import io.zhiku.graph.algo.PageRank;
import io.zhiku.graph.algo.Traversal;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedPseudograph;
import org.jgrapht.traverse.BreadthFirstIterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The knowledge graph's algorithms on a random power-law graph (default 1M nodes, 10M edges, four edge
 * types, weights 1 to 4; in- and out-degrees heavy-tailed, with different hubs for each), beside the same
 * graph loaded in JGraphT's {@code DirectedWeightedPseudograph}:
 *
 * <ul>
 *   <li>{@code pageRank}: 20 iterations, damping 0.85, edges followed by weight. Edge visits per second
 *       = edges × 20 / time.
 *   <li>{@code twoHop}: the 2-hop out-neighbourhoods of 100 random start nodes (JGraphT: a breadth-first
 *       iterator stopped past depth 2).
 * </ul>
 *
 * <p>Memory is measured by {@link GraphMemory} (heap in use after building, with the edge list already
 * held). Single-threaded.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 3, jvmArgsAppend = {"-Xmx12g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class GraphBenchmark {
  /** Node count. */
  @Param({"1000000"})
  public int nodes;

  /** Edge count (before merging repeated ones). */
  @Param({"10000000"})
  public int edges;

  /** What is measured. */
  @Param({"zhiku", "jgrapht"})
  public String impl;

  private GraphSnapshot snapshot;
  private Graph<Integer, DefaultWeightedEdge> jgrapht;
  private int[] starts;
  private Node[] startNodes;

  /** A seeded random power-law graph as edge arrays. */
  static final class EdgeList {
    final int[] from;
    final int[] to;
    final byte[] type;
    final float[] weight;

    EdgeList(int nodes, int edges, long seed) {
      Random r = new Random(seed);
      int[] outRank = permutation(nodes, r); // which node is the k-th most active source
      int[] inRank = permutation(nodes, r); // and the k-th most popular target
      from = new int[edges];
      to = new int[edges];
      type = new byte[edges];
      weight = new float[edges];
      for (int e = 0; e < edges; e++) {
        from[e] = outRank[skewed(r, nodes)];
        to[e] = inRank[skewed(r, nodes)];
        type[e] = (byte) r.nextInt(4);
        weight[e] = 1 + r.nextInt(4);
      }
    }

    /** Index k with probability falling like a power of k: u^3 puts most mass on small k. */
    private static int skewed(Random r, int n) {
      double u = r.nextDouble();
      return (int) (n * u * u * u);
    }

    private static int[] permutation(int n, Random r) {
      int[] p = new int[n];
      for (int i = 0; i < n; i++) {
        p[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
      }
      return p;
    }

    GraphSnapshot snapshot(int nodes) {
      EdgeType[] types = {EdgeType.USED, EdgeType.ABOUT, EdgeType.AUTHORED, EdgeType.RELATED};
      GraphSnapshot.Builder b = GraphSnapshot.builder();
      for (int v = 0; v < nodes; v++) {
        b.node(Node.of(v % 3 == 0 ? NodeType.PERSON : NodeType.ITEM, "n" + v));
      }
      for (int e = 0; e < from.length; e++) {
        b.edge(from[e], types[type[e]], to[e], weight[e]);
      }
      return b.build();
    }

    Graph<Integer, DefaultWeightedEdge> jgrapht(int nodes) {
      Graph<Integer, DefaultWeightedEdge> g = new DirectedWeightedPseudograph<>(DefaultWeightedEdge.class);
      for (int v = 0; v < nodes; v++) {
        g.addVertex(v);
      }
      for (int e = 0; e < from.length; e++) {
        g.setEdgeWeight(g.addEdge(from[e], to[e]), weight[e]);
      }
      return g;
    }
  }

  /** Builds the graph for the implementation measured. */
  @Setup(Level.Trial)
  public void setUp() {
    EdgeList list = new EdgeList(nodes, edges, 20261122L);
    if (impl.equals("zhiku")) {
      snapshot = list.snapshot(nodes);
    } else {
      jgrapht = list.jgrapht(nodes);
    }
    Random r = new Random(7);
    starts = new int[100];
    startNodes = new Node[starts.length];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = r.nextInt(nodes);
      if (snapshot != null) {
        startNodes[i] = snapshot.node(starts[i]);
      }
    }
  }

  /**
   * PageRank, 20 iterations.
   *
   * @return a checksum of the scores
   */
  @Benchmark
  public double pageRank() {
    if (impl.equals("zhiku")) {
      double[] s = PageRank.builder().iterations(20).tolerance(0).build().scores(snapshot).toArray();
      return s[starts[0]];
    }
    Map<Integer, Double> s = new org.jgrapht.alg.scoring.PageRank<>(jgrapht, 0.85, 20, Double.MIN_VALUE).getScores(); // 20 iterations: JGraphT needs a positive tolerance
    return s.get(starts[0]);
  }

  /**
   * 2-hop out-neighbourhoods of 100 start nodes.
   *
   * @return the total size of the neighbourhoods
   */
  @Benchmark
  public long twoHop() {
    long total = 0;
    if (impl.equals("zhiku")) {
      for (Node s : startNodes) {
        total += Neighbourhood.within(snapshot, s, 2, Traversal.OUT).size();
      }
      return total;
    }
    for (int s : starts) {
      BreadthFirstIterator<Integer, DefaultWeightedEdge> it = new BreadthFirstIterator<>(jgrapht, s);
      while (it.hasNext()) {
        Integer v = it.next();
        if (it.getDepth(v) > 2) {
          break;
        }
        total++;
      }
    }
    return total;
  }
}
