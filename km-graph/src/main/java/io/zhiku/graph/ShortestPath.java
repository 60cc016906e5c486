package io.zhiku.graph;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A cheapest path between two nodes (Dijkstra's algorithm, with a binary heap), where each edge costs
 * what the {@link Cost} says: one hop, its weight, or the inverse of its weight (strong ties are short).
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param nodes the node numbers from the source to the target, both included
 * @param cost the path's total cost
 */
public record ShortestPath(List<Integer> nodes, double cost) {
  /** What an edge costs. */
  public enum Cost {
    /** Every edge costs 1: the path with the fewest hops. */
    HOPS,
    /** An edge costs its weight. */
    WEIGHT,
    /** An edge costs 1 / its weight: the path along the strongest ties. */
    INVERSE_WEIGHT;

    double of(float weight) {
      return switch (this) {
        case HOPS -> 1;
        case WEIGHT -> weight;
        case INVERSE_WEIGHT -> 1.0 / weight;
      };
    }
  }

  /**
   * Validates and copies.
   *
   * @param nodes the node numbers from the source to the target, both included
   * @param cost the path's total cost
   * @throws ValidationException if the nodes are missing or empty, or the cost is negative or not finite
   */
  public ShortestPath {
    nodes = List.copyOf(Checks.present("ShortestPath.nodes", nodes));
    if (nodes.isEmpty()) {
      throw new ValidationException("ShortestPath.nodes", nodes, "at least the source");
    }
    if (!(cost >= 0) || Double.isInfinite(cost)) {
      throw new ValidationException("ShortestPath.cost", cost, "finite and at least 0");
    }
  }

  /**
   * The cheapest path from one node to another.
   *
   * @param g the snapshot
   * @param source the source's number
   * @param target the target's number
   * @param traversal which edges and node types the path may use
   * @param cost what an edge costs
   * @return the path, or empty if the target cannot be reached
   * @throws ValidationException if a part is missing or a number is not that of a node
   */
  public static Optional<ShortestPath> between(GraphSnapshot g, int source, int target, Traversal traversal, Cost cost) {
    Checks.present("graph", g);
    g.check(source);
    g.check(target);
    Checks.present("traversal", traversal);
    Checks.present("cost", cost);
    Traversal.Resolved walk = traversal.resolve(g);
    int n = g.nodeCount();
    double[] dist = new double[n];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    int[] previous = new int[n];
    Arrays.fill(previous, -1);
    boolean[] done = new boolean[n];
    PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
    dist[source] = 0;
    queue.add(new double[] {0, source});
    while (!queue.isEmpty()) {
      double[] head = queue.poll();
      int v = (int) head[1];
      if (done[v]) {
        continue;
      }
      done[v] = true;
      if (v == target) {
        break;
      }
      double dv = dist[v];
      walk.forEach(v, (other, weight) -> {
        double d = dv + cost.of(weight);
        if (d < dist[other]) {
          dist[other] = d;
          previous[other] = v;
          queue.add(new double[] {d, other});
        }
      });
    }
    if (!done[target]) {
      return Optional.empty();
    }
    List<Integer> path = new ArrayList<>();
    for (int v = target; v != -1; v = previous[v]) {
      path.add(v);
    }
    Collections.reverse(path);
    return Optional.of(new ShortestPath(path, dist[target]));
  }
}
