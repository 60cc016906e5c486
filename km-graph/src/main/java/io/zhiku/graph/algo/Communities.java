package io.zhiku.graph.algo;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import io.zhiku.graph.EdgeDirection;
import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.Node;
import io.zhiku.graph.internal.Csr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Communities found by label propagation: "who forms a natural virtual team", which items and concepts
 * belong together. Every node starts with a label of its own; in rounds, in a seeded random order, each
 * node takes the label with the greatest total edge weight among its neighbours (one of the tied labels at
 * random, seeded), until every node's label is one of greatest weight around it or the round limit is
 * reached; nodes sharing a label but not connected through it form separate communities. Edges
 * count in both directions whatever the traversal's direction; its edge and node type filters apply.
 * Nodes a filter leaves out, and nodes with no edge, are communities of one.
 *
 * <p>Same snapshot, traversal, seed and limit: same communities. Immutable and thread-safe once found.
 */
public final class Communities {
  /** The most rounds one search may take. */
  public static final int MAX_ROUNDS = 1_000;

  private final GraphSnapshot graph;
  private final int[] community;
  private final int count;
  private final double modularity;
  private final int rounds;

  private Communities(GraphSnapshot graph, int[] community, int count, double modularity, int rounds) {
    this.graph = graph;
    this.community = community;
    this.count = count;
    this.modularity = modularity;
    this.rounds = rounds;
  }

  /**
   * Label propagation, configured.
   *
   * @param traversal which edges and nodes take part (direction ignored)
   * @param seed the seed of the visiting order
   * @param maxRounds the most rounds, 1 to {@value #MAX_ROUNDS}
   * @return the clustering algorithm
   * @throws ValidationException if a part is missing or the round limit is out of range
   */
  public static Clustering labelPropagation(Traversal traversal, long seed, int maxRounds) {
    Checks.present("traversal", traversal);
    if (maxRounds < 1 || maxRounds > MAX_ROUNDS) {
      throw new ValidationException("maxRounds", maxRounds, "1 to " + MAX_ROUNDS);
    }
    return graph -> find(Checks.present("graph", graph), traversal, seed, maxRounds);
  }

  private static Communities find(GraphSnapshot graph, Traversal traversal, long seed, int maxRounds) {
    int n = graph.nodeCount();
    Traversal.Resolved walk = new Traversal(EdgeDirection.BOTH, traversal.edgeTypes(), traversal.nodeTypes()).resolve(graph);
    boolean[] member = new boolean[n];
    byte[] nodeType = Csr.of(graph).nodeTypes();
    boolean[] nodeMask = walk.nodeMask();
    for (int v = 0; v < n; v++) {
      member[v] = nodeMask[nodeType[v] & 0xff];
    }
    int[] label = new int[n];
    int[] order = new int[n];
    for (int v = 0; v < n; v++) {
      label[v] = v;
      order[v] = v;
    }
    Tally tally = new Tally(n, label);
    Random random = new Random(seed);
    int round = 0;
    boolean stable = false;
    while (!stable && round < maxRounds) {
      round++;
      for (int i = n - 1; i > 0; i--) { // Fisher-Yates
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int v : order) {
        if (member[v]) {
          label[v] = tally.best(walk, v, random);
        }
      }
      stable = true;
      for (int v = 0; v < n && stable; v++) {
        stable = !member[v] || tally.isBest(walk, v);
      }
    }
    // A label can end up on groups that do not touch: each connected group is a community of its own.
    int[] parent = new int[n];
    for (int v = 0; v < n; v++) {
      parent[v] = v;
    }
    for (int v = 0; v < n; v++) {
      int from = v;
      walk.forEachOut(v, (t, w) -> {
        if (label[t] == label[from]) {
          union(parent, from, t);
        }
      });
    }
    int[] number = new int[n];
    Arrays.fill(number, -1);
    int count = 0;
    int[] community = new int[n];
    for (int v = 0; v < n; v++) {
      int root = find(parent, v);
      if (number[root] < 0) {
        number[root] = count++;
      }
      community[v] = number[root];
    }
    return new Communities(graph, community, count, modularity(walk, n, community, count), round);
  }

  private static int find(int[] parent, int v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }

  /** Sums neighbour weights by label. Not thread-safe. */
  private static final class Tally {
    private final double[] weight;
    private final int[] touched;
    private final int[] label;
    private int size;

    Tally(int n, int[] label) {
      this.weight = new double[n];
      this.touched = new int[n];
      this.label = label;
    }

    /** A label of greatest weight among the neighbours' labels, chosen at random among ties. */
    int best(Traversal.Resolved walk, int v, Random random) {
      double top = count(walk, v);
      int best = label[v];
      int ties = 0;
      for (int i = 0; i < size; i++) {
        int l = touched[i];
        if (weight[l] == top && random.nextInt(++ties) == 0) {
          best = l; // a uniform choice among the tied labels (reservoir sampling)
        }
      }
      clear();
      return best;
    }

    /** Whether the node's label has the greatest weight among its neighbours' labels (or it has none). */
    boolean isBest(Traversal.Resolved walk, int v) {
      double top = count(walk, v);
      boolean best = size == 0 || weight[label[v]] == top;
      clear();
      return best;
    }

    /** Sums the neighbours' weights by label; returns the greatest sum. */
    private double count(Traversal.Resolved walk, int v) {
      size = 0;
      walk.forEach(v, (other, w) -> {
        if (other == v) {
          return;
        }
        int l = label[other];
        if (weight[l] == 0) {
          touched[size++] = l;
        }
        weight[l] += w;
      });
      double top = 0;
      for (int i = 0; i < size; i++) {
        top = Math.max(top, weight[touched[i]]);
      }
      return top;
    }

    private void clear() {
      for (int i = 0; i < size; i++) {
        weight[touched[i]] = 0;
      }
    }
  }

  /**
   * Newman's modularity of a partition over the undirected, weighted view: the share of edge weight
   * inside communities minus what a random graph with the same degrees would put there. A self-loop adds
   * twice its weight to its node's degree and to its community's inside weight.
   */
  private static double modularity(Traversal.Resolved walk, int n, int[] community, int count) {
    double[] degree = new double[count];
    double[] inside = new double[1];
    double[] total = new double[1];
    for (int v = 0; v < n; v++) {
      int cv = community[v];
      walk.forEachOut(v, (t, w) -> {
        total[0] += w;
        degree[cv] += w;
        degree[community[t]] += w;
        if (community[t] == cv) {
          inside[0] += 2 * w;
        }
      });
    }
    if (total[0] == 0) {
      return 0;
    }
    double twoM = 2 * total[0];
    double expected = 0;
    for (double d : degree) {
      expected += (d / twoM) * (d / twoM);
    }
    return inside[0] / twoM - expected;
  }

  /**
   * How many communities (communities of one included).
   *
   * @return the count
   */
  public int count() {
    return count;
  }

  /**
   * The community of a node.
   *
   * @param node a node of the snapshot
   * @return its community's number, {@code 0..count()-1}, numbered in order of their first node
   * @throws ValidationException if the node is missing or not in the snapshot
   */
  public int of(Node node) {
    return community[Nodes.index(graph, "node", node)];
  }

  /**
   * The members of a community.
   *
   * @param communityNumber the community
   * @return its nodes, in the snapshot's order
   * @throws ValidationException if there is no such community
   */
  public List<Node> members(int communityNumber) {
    if (communityNumber < 0 || communityNumber >= count) {
      throw new ValidationException("community", communityNumber, "a community number from 0 to " + (count - 1));
    }
    List<Node> out = new ArrayList<>();
    for (int v = 0; v < community.length; v++) {
      if (community[v] == communityNumber) {
        out.add(graph.node(v));
      }
    }
    return out;
  }

  /**
   * Newman's modularity of these communities on the undirected, weighted view of the edges taken into
   * account: from −0.5 to 1, higher when more edge weight falls inside communities than chance would put there.
   *
   * @return the modularity, 0 for a graph with no edge
   */
  public double modularity() {
    return modularity;
  }

  /**
   * How many rounds the propagation took.
   *
   * @return the rounds, at most the limit given
   */
  public int rounds() {
    return rounds;
  }
}
