/**
 * Zhiku search. The embedded Apache Lucene engine: item store and index, search, facets, suggestions, event store, recommenders. Filled by the KnowledgeBase issue.
 *
 * <p>This module exports no packages yet: its API arrives with its issue.
 */
module io.zhiku.search {
  requires io.zhiku.core;
  requires org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;
  requires org.apache.lucene.analysis.icu;
  requires com.ibm.icu;
}
