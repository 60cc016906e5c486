/**
 * Zhiku search: the embedded Apache Lucene engine behind {@link io.zhiku.core.kb.KnowledgeBase}. It is
 * found by {@link java.util.ServiceLoader} as {@code "lucene"}; applications use the knowledge base and
 * never this module's classes, so it exports no package.
 */
module io.zhiku.search {
  requires io.zhiku.core;
  requires io.zhiku.analysis;
  requires org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;
  requires org.apache.lucene.analysis.icu;
  requires org.apache.lucene.highlighter;
  requires org.apache.lucene.queries;
  requires com.ibm.icu;
  requires org.slf4j;

  provides io.zhiku.core.spi.KnowledgeIndexProvider with io.zhiku.search.internal.LuceneIndexProvider;
}
