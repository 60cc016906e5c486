/**
 * Zhiku graph: the knowledge graph of a knowledge base (package {@code io.zhiku.graph}): its typed model,
 * the store kept in step with the knowledge base and persisted, compact snapshots and the algorithms on
 * them, expert finding and knowledge maps.
 */
module io.zhiku.graph {
  requires io.zhiku.core;
  requires org.slf4j;

  exports io.zhiku.graph;

  // Jackson writes knowledge maps (records) as JSON.
  opens io.zhiku.graph to com.fasterxml.jackson.databind;
}
