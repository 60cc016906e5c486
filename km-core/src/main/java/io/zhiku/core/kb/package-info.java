/**
 * The {@link io.zhiku.core.kb.KnowledgeBase} facade a host keeps for its lifetime: store, search and
 * taxonomy, over an engine found by name (the embedded Lucene engine by default).
 */
package io.zhiku.core.kb;
