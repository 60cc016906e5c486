/**
 * Zhiku graph: the knowledge graph of a knowledge base. {@code io.zhiku.graph}: the typed model, the store
 * kept in step with the knowledge base and persisted, and compact snapshots; {@code io.zhiku.graph.algo}:
 * algorithms on snapshots behind small interfaces; {@code io.zhiku.graph.expert}: expert finding;
 * {@code io.zhiku.graph.map}: knowledge maps. Implementation ({@code ...internal}) is not exported.
 */
module io.zhiku.graph {
  requires io.zhiku.core;
  requires org.slf4j;

  exports io.zhiku.graph;
  exports io.zhiku.graph.algo;
  exports io.zhiku.graph.expert;
  exports io.zhiku.graph.map;

  // Jackson writes knowledge maps (records) as JSON.
  opens io.zhiku.graph to com.fasterxml.jackson.databind;
  opens io.zhiku.graph.map to com.fasterxml.jackson.databind;
}
