package io.zhiku.graph.algo;

import io.zhiku.core.internal.Checks;
import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Cheapest paths between two nodes (Dijkstra's algorithm, with a binary heap), where each edge costs
 * what the {@link Cost} says: one hop, its weight, or the inverse of its weight (strong ties are short).
 *
 * <p>Immutable and thread-safe; make one with {@link #of}.
 */
public final class ShortestPath implements PathFinder {
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

  private final Traversal traversal;
  private final Cost cost;

  private ShortestPath(Traversal traversal, Cost cost) {
    this.traversal = traversal;
    this.cost = cost;
  }

  /**
   * Cheapest paths along a traversal.
   *
   * @param traversal which edges and node types a path may use
   * @param cost what an edge costs
   * @return the path finder
   * @throws io.zhiku.core.ValidationException if a part is missing
   */
  public static ShortestPath of(Traversal traversal, Cost cost) {
    return new ShortestPath(Checks.present("traversal", traversal), Checks.present("cost", cost));
  }

  @Override
  public Optional<GraphPath> path(GraphSnapshot g, Node source, Node target) {
    Checks.present("graph", g);
    int from = Nodes.index(g, "source", source);
    int to = Nodes.index(g, "target", target);
    Traversal.Resolved walk = traversal.resolve(g);
    int n = g.nodeCount();
    double[] dist = new double[n];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    int[] previous = new int[n];
    Arrays.fill(previous, -1);
    boolean[] done = new boolean[n];
    PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
    dist[from] = 0;
    queue.add(new double[] {0, from});
    while (!queue.isEmpty()) {
      double[] head = queue.poll();
      int v = (int) head[1];
      if (done[v]) {
        continue;
      }
      done[v] = true;
      if (v == to) {
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
    if (!done[to]) {
      return Optional.empty();
    }
    List<Node> path = new ArrayList<>();
    for (int v = to; v != -1; v = previous[v]) {
      path.add(g.node(v));
    }
    Collections.reverse(path);
    return Optional.of(new GraphPath(path, dist[to]));
  }
}
