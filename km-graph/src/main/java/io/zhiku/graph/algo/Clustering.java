package io.zhiku.graph.algo;

import io.zhiku.graph.GraphSnapshot;

/**
 * An algorithm that splits a snapshot's nodes into communities (the manner of JGraphT's {@code
 * ClusteringAlgorithm}): {@link Communities#labelPropagation}. Configured once, applied to any snapshot;
 * implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface Clustering {
  /**
   * Finds the communities.
   *
   * @param g the snapshot
   * @return the communities
   * @throws io.zhiku.core.ValidationException if the snapshot is missing
   */
  Communities communities(GraphSnapshot g);
}
