package io.zhiku.graph;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A score for every node of a snapshot (PageRank, similarity...), by node number.
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
   * @param node a node number
   * @return its score
   * @throws ValidationException if the number is not that of a node
   */
  public double score(int node) {
    graph.check(node);
    return scores[node];
  }

  /**
   * A node's score.
   *
   * @param node a node
   * @return its score
   * @throws ValidationException if the snapshot does not hold the node
   */
  public double score(Node node) {
    int i = graph.indexOf(Checks.present("node", node));
    if (i < 0) {
      throw new ValidationException("node", node, "a node of the snapshot");
    }
    return scores[i];
  }

  /**
   * The scores of all nodes.
   *
   * @return a copy, indexed by node number
   */
  public double[] toArray() {
    return scores.clone();
  }

  /**
   * The highest-scoring nodes; ties by lower node number.
   *
   * @param k how many, at least 0
   * @return up to k node numbers, best first
   * @throws ValidationException if k is negative
   */
  public int[] top(int k) {
    if (k < 0) {
      throw new ValidationException("k", k, "at least 0");
    }
    return IntStream.range(0, scores.length).boxed()
        .sorted((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b))
        .limit(k).mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String toString() {
    return "NodeScores" + Arrays.toString(Arrays.copyOf(scores, Math.min(scores.length, 10)));
  }
}
