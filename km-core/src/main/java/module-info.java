/**
 * Zhiku core: the knowledge model, the taxonomy with SKOS import and export, access control, usage
 * events, push (recommenders, rules, the blend), the knowledge base facade and its engine SPIs, and the
 * hardened JSON mapping. Implementation packages ({@code ...internal}) are not exported.
 */
module io.zhiku.core {
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires com.google.common;
  requires com.ibm.icu;
  requires org.slf4j;
  requires rdf4j.model.api;
  requires rdf4j.model;
  requires rdf4j.model.vocabulary;
  requires rdf4j.rio.api;
  requires rdf4j.rio.turtle;
  requires rdf4j.rio.rdfxml;
  requires rdf4j.common.exception;
  requires java.xml;

  exports io.zhiku.core;
  exports io.zhiku.core.access;
  exports io.zhiku.core.event;
  exports io.zhiku.core.item;
  exports io.zhiku.core.json;
  exports io.zhiku.core.kb;
  exports io.zhiku.core.push;
  exports io.zhiku.core.search;
  exports io.zhiku.core.spi;
  exports io.zhiku.core.taxonomy;
  // Shared implementation (validation, label folding) for Zhiku's own modules only.
  exports io.zhiku.core.internal to io.zhiku.search, io.zhiku.metrics, io.zhiku.graph;

  uses io.zhiku.core.spi.KnowledgeIndexProvider;

  // Jackson reads and writes the model's records reflectively.
  opens io.zhiku.core.access to com.fasterxml.jackson.databind;
  opens io.zhiku.core.event to com.fasterxml.jackson.databind;
  opens io.zhiku.core.item to com.fasterxml.jackson.databind;
  opens io.zhiku.core.taxonomy to com.fasterxml.jackson.databind;
  opens io.zhiku.core.internal to com.fasterxml.jackson.databind; // the stored form of a taxonomy
}
