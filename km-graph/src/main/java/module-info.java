/**
 * Zhiku graph. The knowledge graph: typed graph and store, algorithms, expert finding, knowledge maps. Filled by the knowledge-graph issue.
 *
 * <p>This module exports no packages yet: its API arrives with its issue.
 */
module io.zhiku.graph {
  requires io.zhiku.core;
}
