package io.zhiku.graph.algo;

import io.zhiku.core.internal.Checks;
import io.zhiku.graph.EdgeDirection;
import io.zhiku.graph.EdgeType;
import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.NodeType;
import io.zhiku.graph.internal.Csr;
import io.zhiku.graph.internal.Incoming;
import java.util.Set;

/**
 * Which part of the graph an algorithm walks: the direction of the edges it follows, and the edge types
 * and node types it may use (an empty set: every type). A node of a type left out is never entered,
 * except the node a walk starts from.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param direction which edges of a node to follow
 * @param edgeTypes the edge types to follow; empty for all
 * @param nodeTypes the node types to enter; empty for all
 */
public record Traversal(EdgeDirection direction, Set<EdgeType> edgeTypes, Set<NodeType> nodeTypes) {
  /** Every edge, outgoing. */
  public static final Traversal OUT = new Traversal(EdgeDirection.OUT, Set.of(), Set.of());
  /** Every edge, either way. */
  public static final Traversal BOTH = new Traversal(EdgeDirection.BOTH, Set.of(), Set.of());

  /**
   * Validates and copies.
   *
   * @param direction which edges of a node to follow
   * @param edgeTypes the edge types to follow; empty for all
   * @param nodeTypes the node types to enter; empty for all
   * @throws io.zhiku.core.ValidationException if a part is missing or a set holds {@code null}
   */
  public Traversal {
    Checks.present("Traversal.direction", direction);
    edgeTypes = Set.copyOf(Checks.present("Traversal.edgeTypes", edgeTypes));
    nodeTypes = Set.copyOf(Checks.present("Traversal.nodeTypes", nodeTypes));
  }

  /**
   * A traversal in one direction over every type.
   *
   * @param direction the direction
   * @return the traversal
   */
  public static Traversal of(EdgeDirection direction) {
    return new Traversal(direction, Set.of(), Set.of());
  }

  /**
   * This traversal following only these edge types.
   *
   * @param types the edge types
   * @return a new traversal
   */
  public Traversal edges(EdgeType... types) {
    return new Traversal(direction, Set.of(types), nodeTypes);
  }

  /**
   * This traversal entering only nodes of these types.
   *
   * @param types the node types
   * @return a new traversal
   */
  public Traversal nodes(NodeType... types) {
    return new Traversal(direction, edgeTypes, Set.of(types));
  }

  /** The edge types to follow, by a snapshot's type numbers. */
  boolean[] resolveEdgeTypes(GraphSnapshot g) {
    return mask(edgeTypes, GraphSnapshot.MAX_EDGE_TYPES, g::edgeTypeIndex);
  }

  /** The traversal resolved against one snapshot's type numbers. */
  Resolved resolve(GraphSnapshot g) {
    boolean[] edge = resolveEdgeTypes(g);
    boolean[] node = mask(nodeTypes, GraphSnapshot.MAX_NODE_TYPES, g::nodeTypeIndex);
    return new Resolved(g, direction, edge, node);
  }

  /** Which type numbers are let through: all for an empty set, else those of the set's types (-1: absent). */
  private static <T> boolean[] mask(Set<T> types, int size, java.util.function.ToIntFunction<T> index) {
    boolean[] pass = new boolean[size];
    if (types.isEmpty()) {
      java.util.Arrays.fill(pass, true);
    }
    for (T t : types) {
      int i = index.applyAsInt(t);
      if (i >= 0) {
        pass[i] = true;
      }
    }
    return pass;
  }

  /** Walks a snapshot's arrays with the filters applied. */
  static final class Resolved {
    private final int[] outStart;
    private final int[] outTarget;
    private final float[] outWeight;
    private final byte[] outType;
    private final byte[] nodeType;
    private final Incoming in;
    private final EdgeDirection direction;
    private final boolean[] edge;
    private final boolean[] node;

    Resolved(GraphSnapshot g, EdgeDirection direction, boolean[] edge, boolean[] node) {
      Csr csr = Csr.of(g);
      this.outStart = csr.outStart();
      this.outTarget = csr.outTarget();
      this.outWeight = csr.outWeight();
      this.outType = csr.outType();
      this.nodeType = csr.nodeTypes();
      this.in = direction == EdgeDirection.OUT ? null : csr.incoming();
      this.direction = direction;
      this.edge = edge;
      this.node = node;
    }

    /** Receives an edge the filters let through. */
    interface Step {
      void to(int other, float weight);
    }

    boolean[] nodeMask() {
      return node;
    }

    /** The edges leaving a node that pass the filters (both ends' types), whatever the direction. */
    void forEachOut(int v, Step step) {
      if (!node[nodeType[v] & 0xff]) {
        return;
      }
      for (int e = outStart[v]; e < outStart[v + 1]; e++) {
        int t = outTarget[e];
        if (edge[outType[e] & 0xff] && node[nodeType[t] & 0xff]) {
          step.to(t, outWeight[e]);
        }
      }
    }

    void forEach(int v, Step step) {
      if (direction != EdgeDirection.IN) {
        for (int e = outStart[v]; e < outStart[v + 1]; e++) {
          int t = outTarget[e];
          if (edge[outType[e] & 0xff] && node[nodeType[t] & 0xff]) {
            step.to(t, outWeight[e]);
          }
        }
      }
      if (direction != EdgeDirection.OUT) {
        for (int i = in.start[v]; i < in.start[v + 1]; i++) {
          int e = in.edge[i];
          int s = in.source[i];
          if (s == v && direction == EdgeDirection.BOTH) {
            continue; // a self-loop is one edge: already visited as outgoing
          }
          if (edge[outType[e] & 0xff] && node[nodeType[s] & 0xff]) {
            step.to(s, outWeight[e]);
          }
        }
      }
    }
  }
}
