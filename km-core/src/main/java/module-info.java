/**
 * Zhiku core: the knowledge model, the taxonomy (SKOS import and export are in km-skos), access control, usage
 * events, the knowledge base facade (writes, search, events, the item catalog, change listeners), concept
 * suggestions for classifying, and its
 * engine SPIs, and the hardened JSON mapping. Push is in km-push. Implementation packages ({@code ...internal}) are not exported.
 */
module io.zhiku.core {
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires com.ibm.icu;
  requires org.slf4j;

  exports io.zhiku.core;
  exports io.zhiku.core.access;
  exports io.zhiku.core.classify;
  exports io.zhiku.core.event;
  exports io.zhiku.core.item;
  exports io.zhiku.core.json;
  exports io.zhiku.core.kb;
  exports io.zhiku.core.search;
  exports io.zhiku.core.spi;
  exports io.zhiku.core.taxonomy;
  // Shared implementation (validation, label folding) for Zhiku's own modules only.
  exports io.zhiku.core.internal to io.zhiku.analysis, io.zhiku.search, io.zhiku.metrics, io.zhiku.graph, io.zhiku.skos, io.zhiku.push,
      io.zhiku.solr, io.zhiku.micrometer;

  uses io.zhiku.core.spi.KnowledgeIndexProvider;

  // Jackson reads and writes the model's records reflectively.
  opens io.zhiku.core.access to com.fasterxml.jackson.databind;
  opens io.zhiku.core.event to com.fasterxml.jackson.databind;
  opens io.zhiku.core.item to com.fasterxml.jackson.databind;
  opens io.zhiku.core.taxonomy to com.fasterxml.jackson.databind;
  opens io.zhiku.core.internal to com.fasterxml.jackson.databind; // the stored form of a taxonomy
}
