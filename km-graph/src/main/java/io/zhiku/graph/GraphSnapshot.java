package io.zhiku.graph;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.RadixSort;
import io.zhiku.graph.internal.Csr;
import io.zhiku.graph.internal.Incoming;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable, compact view of the knowledge graph: nodes numbered {@code 0..nodeCount()-1}, and their
 * edges in compressed sparse rows (CSR): for each node, its outgoing edges' targets, weights and types
 * in three flat arrays, ordered by target then type; the incoming side is built on first use.
 *
 * <p>Memory: an outgoing edge costs 9 bytes (an {@code int} target, a {@code float} weight, a {@code
 * byte} type); the incoming side, once built, 8 more (the source and the edge's position); a node costs
 * about 17 bytes plus its id's length (its id's characters, its type and offsets in flat arrays, a slot of
 * an open-addressing index, its edges' start): {@link Node} values are made when asked for. At most {@value #MAX_EDGE_TYPES} edge types
 * and {@value #MAX_NODE_TYPES} node types per snapshot.
 *
 * <p>Thread-safe: immutable once built; the incoming side is built at most once, safely published. Build
 * one with {@link #builder()}.
 */
public final class GraphSnapshot {
  /** The most distinct edge types in one snapshot. */
  public static final int MAX_EDGE_TYPES = 256;
  /** The most distinct node types in one snapshot. */
  public static final int MAX_NODE_TYPES = 256;

  static {
    Csr.install(g -> new Csr(g.outStart, g.outTarget, g.outWeight, g.outType, g.nodes.typeArray(), g::incoming));
  }

  private static final GraphSnapshot EMPTY = builder().build();

  private final NodeTable nodes;
  private final EdgeType[] edgeTypes;
  private final Map<EdgeType, Integer> edgeTypeIndex;
  private final int[] outStart;
  private final int[] outTarget;
  private final float[] outWeight;
  private final byte[] outType;
  private volatile Incoming incoming;

  private GraphSnapshot(NodeTable nodes, EdgeType[] edgeTypes, int[] outStart, int[] outTarget, float[] outWeight,
      byte[] outType) {
    this.nodes = nodes;
    this.edgeTypes = edgeTypes;
    this.edgeTypeIndex = new HashMap<>();
    for (int t = 0; t < edgeTypes.length; t++) {
      edgeTypeIndex.put(edgeTypes[t], t);
    }
    this.outStart = outStart;
    this.outTarget = outTarget;
    this.outWeight = outWeight;
    this.outType = outType;
  }

  /**
   * The snapshot with no nodes.
   *
   * @return the empty snapshot
   */
  public static GraphSnapshot empty() {
    return EMPTY;
  }

  /**
   * A builder for a snapshot.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * How many nodes.
   *
   * @return the node count
   */
  public int nodeCount() {
    return nodes.size();
  }

  /**
   * How many edges (edges with the same source, target and type are one).
   *
   * @return the edge count
   */
  public int edgeCount() {
    return outTarget.length;
  }

  /**
   * A node's number.
   *
   * @param node the node
   * @return its number, or {@code -1} if the snapshot does not hold it
   */
  public int indexOf(Node node) {
    return node == null ? -1 : nodes.find(node);
  }

  /**
   * The node with a number. Nodes are stored compactly and the value is made on each call: compare
   * nodes with {@code equals}, and prefer {@link #nodeType(int)} when only the type is needed.
   *
   * @param node the number
   * @return the node
   * @throws ValidationException if the number is not that of a node
   */
  public Node node(int node) {
    return nodes.node(check(node));
  }

  /**
   * A node's type.
   *
   * @param node the number
   * @return its type
   * @throws ValidationException if the number is not that of a node
   */
  public NodeType nodeType(int node) {
    return nodes.type(check(node));
  }

  /**
   * How many edges leave a node.
   *
   * @param node the number
   * @return its out-degree
   * @throws ValidationException if the number is not that of a node
   */
  public int outDegree(int node) {
    check(node);
    return outStart[node + 1] - outStart[node];
  }

  /**
   * How many edges arrive at a node.
   *
   * @param node the number
   * @return its in-degree
   * @throws ValidationException if the number is not that of a node
   */
  public int inDegree(int node) {
    check(node);
    Incoming in = incoming();
    return in.start[node + 1] - in.start[node];
  }

  /**
   * The number of an edge type in this snapshot, for filters.
   *
   * @param type the type
   * @return its number, or {@code -1} if no edge has it
   */
  public int edgeTypeIndex(EdgeType type) {
    Integer t = edgeTypeIndex.get(type);
    return t == null ? -1 : t;
  }

  /**
   * Visits a node's edges, in order of the other node then type (outgoing before incoming for {@link
   * EdgeDirection#BOTH}).
   *
   * @param node the number
   * @param direction which edges
   * @param visitor receives each edge
   * @throws ValidationException if the number is not that of a node or a part is missing
   */
  public void forEachEdge(int node, EdgeDirection direction, EdgeVisitor visitor) {
    check(node);
    Checks.present("direction", direction);
    Checks.present("visitor", visitor);
    if (direction != EdgeDirection.IN) {
      for (int e = outStart[node]; e < outStart[node + 1]; e++) {
        visitor.edge(outTarget[e], edgeTypes[outType[e] & 0xff], outWeight[e]);
      }
    }
    if (direction != EdgeDirection.OUT) {
      Incoming in = incoming();
      for (int i = in.start[node]; i < in.start[node + 1]; i++) {
        int e = in.edge[i];
        visitor.edge(in.source[i], edgeTypes[outType[e] & 0xff], outWeight[e]);
      }
    }
  }

  /**
   * The edges of the snapshot, as values (for export and tests; algorithms read the arrays).
   *
   * @return every edge, by source, target and type
   */
  public List<Edge> edges() {
    List<Edge> out = new ArrayList<>(edgeCount());
    for (int v = 0; v < nodes.size(); v++) {
      Node source = nodes.node(v);
      for (int e = outStart[v]; e < outStart[v + 1]; e++) {
        out.add(new Edge(source, edgeTypes[outType[e] & 0xff], nodes.node(outTarget[e]), outWeight[e]));
      }
    }
    return out;
  }

  // Package-private array access for the store (algorithms in other packages read them through Csr); never changed.

  int[] outStart() {
    return outStart;
  }

  int[] outTarget() {
    return outTarget;
  }

  float[] outWeight() {
    return outWeight;
  }

  byte[] outType() {
    return outType;
  }

  EdgeType edgeType(int typeNumber) {
    return edgeTypes[typeNumber];
  }

  /**
   * The number of a node type in this snapshot, as {@link Csr} arrays and {@link #nodeType(int)} use it.
   *
   * @param type the type
   * @return its number, or -1 if no node of the snapshot has it
   */
  public int nodeTypeIndex(NodeType type) {
    return nodes.typeNumber(type);
  }

  /** A node's id, without making its {@link Node}; the number must be checked. */
  String id(int node) {
    return nodes.id(node);
  }

  Incoming incoming() {
    Incoming in = incoming;
    if (in == null) {
      synchronized (this) {
        in = incoming;
        if (in == null) {
          in = new Incoming(nodes.size(), outStart, outTarget);
          incoming = in;
        }
      }
    }
    return in;
  }

  /** The number, if it is that of a node (makes no {@link Node}). */
  private int check(int node) {
    if (node < 0 || node >= nodes.size()) {
      throw new ValidationException("node", node, "a node number from 0 to " + (nodes.size() - 1));
    }
    return node;
  }

  /** Receives the edges of a node. */
  @FunctionalInterface
  public interface EdgeVisitor {
    /**
     * One edge.
     *
     * @param other the node at the other end
     * @param type the edge's type
     * @param weight the edge's weight
     */
    void edge(int other, EdgeType type, double weight);
  }

  /**
   * Collects nodes and edges, then builds a snapshot. Edges with the same source, target and type are
   * one edge whose weight is the sum. Not thread-safe; one use.
   */
  public static final class Builder {
    private final NodeTable nodes = new NodeTable();
    private final List<EdgeType> edgeTypes = new ArrayList<>();
    private final Map<EdgeType, Integer> edgeTypeIndex = new HashMap<>();
    private int[] from = new int[16];
    private int[] to = new int[16];
    private float[] weight = new float[16];
    private byte[] type = new byte[16];
    private int edges;
    private boolean built;

    private Builder() {}

    /**
     * Adds a node if it is new.
     *
     * @param node the node
     * @return its number in the snapshot
     * @throws ValidationException if the node is missing or its type would be the {@value
     *     #MAX_NODE_TYPES}+1-th node type
     */
    public int node(Node node) {
      Checks.present("node", node);
      return nodes.add(node, MAX_NODE_TYPES);
    }

    /**
     * Adds an edge (and its nodes if they are new).
     *
     * @param source where the edge starts
     * @param type what it means
     * @param target where it ends
     * @param weight its weight: finite and greater than 0
     * @return this builder
     * @throws ValidationException if a part is missing, the weight is not finite and positive, or there
     *     would be more than {@value #MAX_EDGE_TYPES} edge types or {@value #MAX_NODE_TYPES} node types
     */
    public Builder edge(Node source, EdgeType type, Node target, double weight) {
      Checks.present("source", source);
      Checks.present("target", target);
      return edge(node(source), type, node(target), weight);
    }

    /**
     * Adds an edge between nodes already added.
     *
     * @param source the number {@link #node} gave the source
     * @param type what it means
     * @param target the number of the target
     * @param weight its weight: finite and greater than 0
     * @return this builder
     * @throws ValidationException if a number is not that of an added node, the type is missing, the
     *     weight is not finite and positive, or there would be more than {@value #MAX_EDGE_TYPES} edge types
     */
    public Builder edge(int source, EdgeType type, int target, double weight) {
      if (source < 0 || source >= nodes.size()) {
        throw new ValidationException("source", source, "a node number from 0 to " + (nodes.size() - 1));
      }
      if (target < 0 || target >= nodes.size()) {
        throw new ValidationException("target", target, "a node number from 0 to " + (nodes.size() - 1));
      }
      Checks.present("type", type);
      float w = (float) weight; // kept as a float: 4 bytes an edge
      if (!(w > 0) || Float.isInfinite(w)) {
        throw new ValidationException("weight", weight, "finite and greater than 0 (as a float: 1.4e-45 to 3.4e38)");
      }
      Integer t = edgeTypeIndex.get(type);
      if (t == null) {
        if (edgeTypes.size() == MAX_EDGE_TYPES) {
          throw new ValidationException("type", type, "at most " + MAX_EDGE_TYPES + " edge types per snapshot");
        }
        t = edgeTypes.size();
        edgeTypes.add(type);
        edgeTypeIndex.put(type, t);
      }
      if (edges == from.length) {
        if (edges == Integer.MAX_VALUE - 8) {
          throw new ValidationException("edges", edges, "at most " + (Integer.MAX_VALUE - 8) + " per snapshot");
        }
        int grown = (int) Math.min(Integer.MAX_VALUE - 8L, 2L * edges);
        from = Arrays.copyOf(from, grown);
        to = Arrays.copyOf(to, grown);
        this.weight = Arrays.copyOf(this.weight, grown);
        this.type = Arrays.copyOf(this.type, grown);
      }
      from[edges] = source;
      to[edges] = target;
      this.weight[edges] = w;
      this.type[edges] = (byte) (int) t;
      edges++;
      return this;
    }

    /**
     * Builds the snapshot: sorts the edges by source, target and type (two radix sorts) and merges
     * repeated ones.
     *
     * @return the snapshot
     * @throws ValidationException if this builder was already used
     */
    public GraphSnapshot build() {
      if (built) {
        throw new ValidationException("builder", "built", "a builder builds one snapshot");
      }
      built = true;
      int n = nodes.size();
      int[] order = new int[edges];
      long[] keys = new long[edges];
      for (int e = 0; e < edges; e++) {
        order[e] = e;
        keys[e] = (long) to[e] << 8 | (type[e] & 0xff);
      }
      RadixSort.sort(keys, order, edges); // by target and type
      for (int i = 0; i < edges; i++) {
        keys[i] = from[order[i]];
      }
      RadixSort.sort(keys, order, edges); // stable: by source, then target and type
      int m = 0;
      int[] start = new int[n + 1];
      int[] target = new int[edges];
      float[] w = new float[edges];
      byte[] t = new byte[edges];
      for (int i = 0; i < edges; i++) {
        int e = order[i];
        if (m > 0 && i > 0 && from[order[i - 1]] == from[e] && target[m - 1] == to[e] && t[m - 1] == type[e]) {
          w[m - 1] += weight[e]; // the same edge again: weights add up
          continue;
        }
        start[from[e] + 1]++;
        target[m] = to[e];
        w[m] = weight[e];
        t[m] = type[e];
        m++;
      }
      for (int v = 0; v < n; v++) {
        start[v + 1] += start[v];
      }
      return new GraphSnapshot(nodes.trim(), edgeTypes.toArray(EdgeType[]::new), start, Arrays.copyOf(target, m),
          Arrays.copyOf(w, m), Arrays.copyOf(t, m));
    }
  }
}
