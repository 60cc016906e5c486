package io.zhiku.graph.algo;

import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.Node;

/**
 * A measure of how alike two nodes are by their neighbours (the manner of JGraphT's link prediction):
 * {@link Similarity#of}. Configured once, applied to any snapshot; implementations are immutable and
 * thread-safe.
 */
public interface NodeSimilarity {
  /**
   * How alike two nodes are.
   *
   * @param g the snapshot
   * @param a one node
   * @param b the other
   * @return the similarity, 0 when they share no neighbour
   * @throws io.zhiku.core.ValidationException if a part is missing or a node is not in the snapshot
   */
  double between(GraphSnapshot g, Node a, Node b);

  /**
   * How alike every node is to one node.
   *
   * @param g the snapshot
   * @param node the node
   * @return the similarity of each node to it (its own: 0)
   * @throws io.zhiku.core.ValidationException if a part is missing or the node is not in the snapshot
   */
  NodeScores to(GraphSnapshot g, Node node);
}
