/**
 * The knowledge graph: typed nodes and typed, weighted, directed edges ({@link io.zhiku.graph.Node},
 * {@link io.zhiku.graph.Edge}), immutable compact snapshots in CSR arrays ({@link
 * io.zhiku.graph.GraphSnapshot}), and algorithms over them: k-hop neighbourhoods ({@link
 * io.zhiku.graph.Neighbourhood}), weighted shortest paths ({@link io.zhiku.graph.ShortestPath}), global and
 * personalised PageRank ({@link io.zhiku.graph.PageRank}).
 */
package io.zhiku.graph;
