package io.zhiku.graph.algo;

import io.zhiku.core.ValidationException;
import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.Node;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A score for every node of a snapshot (PageRank, similarity...).
 *
 * <p>Immutable and thread-safe.
 */
public final class NodeScores {
  private final GraphSnapshot graph;
  private final double[] scores;

  NodeScores(GraphSnapshot graph, double[] scores) {
    this.graph = graph;
    this.scores = scores;
  }

  /**
   * A node's score.
   *
   * @param node a node
   * @return its score
   * @throws ValidationException if the snapshot does not hold the node
   */
  public double score(Node node) {
    return scores[Nodes.index(graph, "node", node)];
  }

  /**
   * The scores of all nodes, for code that walks the snapshot by number.
   *
   * @return a copy, indexed by node number ({@link GraphSnapshot#node(int)})
   */
  public double[] toArray() {
    return scores.clone();
  }

  /**
   * The highest-scoring nodes; ties by lower node number.
   *
   * @param k how many, at least 0
   * @return up to k nodes, best first
   * @throws ValidationException if k is negative
   */
  public List<Node> top(int k) {
    if (k < 0) {
      throw new ValidationException("k", k, "at least 0");
    }
    return IntStream.range(0, scores.length).boxed()
        .sorted((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b))
        .limit(k).map(graph::node).toList();
  }

  @Override
  public String toString() {
    return "NodeScores" + Arrays.toString(Arrays.copyOf(scores, Math.min(scores.length, 10)));
  }
}
