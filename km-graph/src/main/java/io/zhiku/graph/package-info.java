/**
 * The knowledge graph: typed nodes and typed, weighted, directed edges ({@link io.zhiku.graph.Node},
 * {@link io.zhiku.graph.Edge}), the store kept in step with a knowledge base ({@link
 * io.zhiku.graph.KnowledgeGraph}), and immutable compact snapshots in CSR arrays ({@link
 * io.zhiku.graph.GraphSnapshot}) that the algorithms of {@code io.zhiku.graph.algo} walk.
 */
package io.zhiku.graph;
