/**
 * Zhiku analysis: the analyzers of Zhiku's text fields (Chinese and English in one field) and the
 * folding they start with, also as a Lucene analysis factory ({@code zhikuFolding}) that Solr loads.
 * Depends on Lucene's analysis modules and ICU4J only.
 */
module io.zhiku.analysis {
  requires transitive org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;
  requires org.apache.lucene.analysis.icu;
  requires com.ibm.icu;

  exports io.zhiku.analysis;

  provides org.apache.lucene.analysis.CharFilterFactory with io.zhiku.analysis.FoldingCharFilterFactory;
}
