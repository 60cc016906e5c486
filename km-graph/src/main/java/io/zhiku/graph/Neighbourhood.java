package io.zhiku.graph;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import java.util.Arrays;

/**
 * The nodes within k hops of a start node (a breadth-first walk), with each one's distance in hops.
 *
 * <p>Immutable and thread-safe.
 */
public final class Neighbourhood {
  /** The most hops a walk may take. */
  public static final int MAX_HOPS = 64;

  private final int[] nodes;
  private final int[] hops;

  private Neighbourhood(int[] nodes, int[] hops) {
    this.nodes = nodes;
    this.hops = hops;
  }

  /**
   * The nodes a walk reaches from {@code start} in at most {@code maxHops} hops.
   *
   * @param g the snapshot
   * @param start the start node's number (included, at 0 hops)
   * @param maxHops 0 to {@value #MAX_HOPS}
   * @param traversal which edges and node types to follow
   * @return the neighbourhood
   * @throws ValidationException if a part is missing, the start is not a node, or maxHops is out of range
   */
  public static Neighbourhood within(GraphSnapshot g, int start, int maxHops, Traversal traversal) {
    Checks.present("graph", g);
    Checks.present("traversal", traversal);
    g.node(start);
    if (maxHops < 0 || maxHops > MAX_HOPS) {
      throw new ValidationException("maxHops", maxHops, "0 to " + MAX_HOPS);
    }
    Traversal.Resolved walk = traversal.resolve(g);
    int[] hops = new int[g.nodeCount()];
    Arrays.fill(hops, -1);
    int[] queue = new int[16];
    int[] size = {0};
    hops[start] = 0;
    queue[size[0]++] = start;
    for (int head = 0; head < size[0]; head++) {
      int v = queue[head];
      int next = hops[v] + 1;
      if (next > maxHops) {
        break; // breadth-first: every later node is as far
      }
      int[][] q = {queue};
      walk.forEach(v, (other, weight) -> {
        if (hops[other] < 0) {
          hops[other] = next;
          if (size[0] == q[0].length) {
            q[0] = Arrays.copyOf(q[0], 2 * size[0]);
          }
          q[0][size[0]++] = other;
        }
      });
      queue = q[0];
    }
    return new Neighbourhood(Arrays.copyOf(queue, size[0]), hops);
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
   * @return a copy of the node numbers
   */
  public int[] nodes() {
    return nodes.clone();
  }

  /**
   * A node's distance.
   *
   * @param node a node number of the snapshot
   * @return hops from the start, or {@code -1} if not within reach
   * @throws ValidationException if the number is not that of a node
   */
  public int hops(int node) {
    if (node < 0 || node >= hops.length) {
      throw new ValidationException("node", node, "a node number from 0 to " + (hops.length - 1));
    }
    return hops[node];
  }
}
