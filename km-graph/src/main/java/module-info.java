/**
 * Zhiku graph: the knowledge graph's model, compact snapshots and algorithms (package {@code
 * io.zhiku.graph}). Expert finding, knowledge maps and the store kept in step with the knowledge base
 * arrive with the rest of the knowledge-graph issue.
 */
module io.zhiku.graph {
  requires io.zhiku.core;

  exports io.zhiku.graph;
}
