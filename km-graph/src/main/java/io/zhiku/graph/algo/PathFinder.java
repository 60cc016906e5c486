package io.zhiku.graph.algo;

import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.Node;
import java.util.Optional;

/**
 * An algorithm that finds a path between two nodes (the manner of JGraphT's {@code
 * ShortestPathAlgorithm}): {@link ShortestPath}. Configured once, applied to any snapshot;
 * implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface PathFinder {
  /**
   * A path from one node to another.
   *
   * @param g the snapshot
   * @param source where the path starts
   * @param target where it ends
   * @return the path, or empty if the target cannot be reached
   * @throws io.zhiku.core.ValidationException if a part is missing or a node is not in the snapshot
   */
  Optional<GraphPath> path(GraphSnapshot g, Node source, Node target);
}
