/**
 * Zhiku graph: the knowledge graph of a knowledge base. {@code io.zhiku.graph}: the typed model, the store
 * kept in step with the knowledge base and persisted, and compact snapshots; {@code io.zhiku.graph.algo}:
 * algorithms on snapshots behind small interfaces; {@code io.zhiku.graph.expert}: expert finding;
 * {@code io.zhiku.graph.map}: knowledge maps; {@code io.zhiku.graph.jgrapht}: a snapshot as a read-only JGraphT
 * graph (JGraphT optional). Implementation ({@code ...internal}) is not exported.
 */
module io.zhiku.graph {
  requires io.zhiku.core;
  requires org.slf4j;
  requires static org.jgrapht.core; // optional: only io.zhiku.graph.jgrapht needs it

  exports io.zhiku.graph;
  exports io.zhiku.graph.algo;
  exports io.zhiku.graph.expert;
  exports io.zhiku.graph.map;
  exports io.zhiku.graph.jgrapht;

  // Jackson writes knowledge maps (records) as JSON.
  opens io.zhiku.graph to com.fasterxml.jackson.databind;
  opens io.zhiku.graph.map to com.fasterxml.jackson.databind;
}
