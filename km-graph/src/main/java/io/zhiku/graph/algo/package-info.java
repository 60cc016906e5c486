/**
 * Algorithms on graph snapshots, taking and returning {@link io.zhiku.graph.Node}s, behind small
 * interfaces in the manner of JGraphT's {@code alg.interfaces}: {@link io.zhiku.graph.algo.NodeScoring}
 * ({@link io.zhiku.graph.algo.PageRank}), {@link io.zhiku.graph.algo.PathFinder} ({@link
 * io.zhiku.graph.algo.ShortestPath}), {@link io.zhiku.graph.algo.Clustering} (label propagation, {@link
 * io.zhiku.graph.algo.Communities}) and {@link io.zhiku.graph.algo.NodeSimilarity} ({@link
 * io.zhiku.graph.algo.Similarity}); k-hop {@link io.zhiku.graph.algo.Neighbourhood}s; which edges and
 * nodes a walk may use, {@link io.zhiku.graph.algo.Traversal}. Each is configured once and applied to any
 * snapshot; all are immutable and thread-safe.
 */
package io.zhiku.graph.algo;
