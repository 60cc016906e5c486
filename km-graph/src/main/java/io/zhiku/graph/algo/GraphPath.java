package io.zhiku.graph.algo;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import io.zhiku.graph.Node;
import java.util.List;

/**
 * A path through a snapshot and what it costs.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param nodes the nodes from the source to the target, both included
 * @param cost the path's total cost
 */
public record GraphPath(List<Node> nodes, double cost) {
  /**
   * Validates and copies.
   *
   * @param nodes the nodes from the source to the target, both included
   * @param cost the path's total cost
   * @throws ValidationException if the nodes are missing or empty, or the cost is negative or not finite
   */
  public GraphPath {
    nodes = List.copyOf(Checks.present("GraphPath.nodes", nodes));
    if (nodes.isEmpty()) {
      throw new ValidationException("GraphPath.nodes", nodes, "at least the source");
    }
    if (!(cost >= 0) || Double.isInfinite(cost)) {
      throw new ValidationException("GraphPath.cost", cost, "finite and at least 0");
    }
  }
}
