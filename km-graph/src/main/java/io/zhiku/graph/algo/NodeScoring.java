package io.zhiku.graph.algo;

import io.zhiku.graph.GraphSnapshot;

/**
 * An algorithm that gives every node of a snapshot a score (the manner of JGraphT's
 * {@code VertexScoringAlgorithm}): {@link PageRank}. Configured once, applied to any snapshot;
 * implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface NodeScoring {
  /**
   * Scores every node.
   *
   * @param g the snapshot
   * @return the scores
   * @throws io.zhiku.core.ValidationException if the snapshot is missing
   */
  NodeScores scores(GraphSnapshot g);
}
