package io.zhiku.graph.algo;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The nodes within k hops of a start node (a breadth-first walk), with each one's distance in hops.
 *
 * <p>Immutable and thread-safe.
 */
public final class Neighbourhood {
  /** The most hops a walk may take. */
  public static final int MAX_HOPS = 64;

  private final GraphSnapshot graph;
  private final int[] nodes;
  private final int[] hops;

  private Neighbourhood(GraphSnapshot graph, int[] nodes, int[] hops) {
    this.graph = graph;
    this.nodes = nodes;
    this.hops = hops;
  }

  /**
   * The nodes a walk reaches from {@code start} in at most {@code maxHops} hops.
   *
   * @param g the snapshot
   * @param start the start node (included, at 0 hops)
   * @param maxHops 0 to {@value #MAX_HOPS}
   * @param traversal which edges and node types to follow
   * @return the neighbourhood
   * @throws ValidationException if a part is missing, the start is not a node, or maxHops is out of range
   */
  public static Neighbourhood within(GraphSnapshot g, Node start, int maxHops, Traversal traversal) {
    Checks.present("graph", g);
    Checks.present("traversal", traversal);
    int first = Nodes.index(g, "start", start);
    if (maxHops < 0 || maxHops > MAX_HOPS) {
      throw new ValidationException("maxHops", maxHops, "0 to " + MAX_HOPS);
    }
    Walk walk = new Walk(g.nodeCount());
    walk.reach(first, 0);
    Traversal.Resolved edges = traversal.resolve(g);
    for (int head = 0; head < walk.size; head++) {
      int v = walk.queue[head];
      int next = walk.hops[v] + 1;
      if (next > maxHops) {
        break; // breadth-first: every later node is as far
      }
      walk.depth = next;
      edges.forEach(v, walk);
    }
    return new Neighbourhood(g, Arrays.copyOf(walk.queue, walk.size), walk.hops);
  }

  /**
   * How many nodes, the start included.
   *
   * @return the count
   */
  public int size() {
    return nodes.length;
  }

  /**
   * The nodes, nearest first (the start first).
   *
   * @return the nodes
   */
  public List<Node> nodes() {
    List<Node> out = new ArrayList<>(nodes.length);
    for (int v : nodes) {
      out.add(graph.node(v));
    }
    return out;
  }

  /**
   * A node's distance.
   *
   * @param node a node
   * @return hops from the start, or {@code -1} if not within reach (or not in the snapshot)
   * @throws ValidationException if the node is missing
   */
  public int hops(Node node) {
    int v = graph.indexOf(Checks.present("node", node));
    return v < 0 ? -1 : hops[v];
  }

  /** The breadth-first queue and distances; receives the edges of the node being expanded. */
  private static final class Walk implements Traversal.Resolved.Step {
    final int[] hops;
    int[] queue = new int[16];
    int size;
    int depth;

    Walk(int nodes) {
      hops = new int[nodes];
      Arrays.fill(hops, -1);
    }

    void reach(int node, int distance) {
      hops[node] = distance;
      if (size == queue.length) {
        queue = Arrays.copyOf(queue, 2 * size);
      }
      queue[size++] = node;
    }

    @Override
    public void to(int other, float weight) {
      if (hops[other] < 0) {
        reach(other, depth);
      }
    }
  }
}
