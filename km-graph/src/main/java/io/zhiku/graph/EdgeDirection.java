package io.zhiku.graph;

/** Which edges of a node a traversal follows: those leaving it, those arriving at it, or both. */
public enum EdgeDirection {
  /** Edges from the node. */
  OUT,
  /** Edges to the node. */
  IN,
  /** Edges either way: the graph read as undirected. */
  BOTH
}
