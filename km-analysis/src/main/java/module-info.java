/**
 * Zhiku analysis: the analyzers of Zhiku's text fields (Chinese and English in one field) and the
 * folding they start with, also as a Lucene analysis factory ({@code zhikuFolding}) that Solr loads;
 * and, for every engine, the search-box syntax and highlighting ({@code io.zhiku.analysis.query}).
 * Depends on km-core (validation errors), Lucene's analysis and highlighter modules and ICU4J. A Solr
 * node loads only the factory, which needs none of km-core.
 */
module io.zhiku.analysis {
  requires transitive org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;
  requires org.apache.lucene.analysis.icu;
  requires com.ibm.icu;
  requires io.zhiku.core;
  requires org.apache.lucene.highlighter;

  exports io.zhiku.analysis;
  exports io.zhiku.analysis.query;

  provides org.apache.lucene.analysis.CharFilterFactory with io.zhiku.analysis.FoldingCharFilterFactory;
}
