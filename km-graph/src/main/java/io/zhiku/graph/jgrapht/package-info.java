/**
 * A knowledge-graph snapshot as a read-only JGraphT graph ({@link io.zhiku.graph.jgrapht.SnapshotGraph}),
 * so that any JGraphT algorithm runs on it. Needs {@code org.jgrapht:jgrapht-core} on the class or module
 * path: km-graph declares it optional.
 */
package io.zhiku.graph.jgrapht;
