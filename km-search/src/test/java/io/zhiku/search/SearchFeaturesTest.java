package io.zhiku.search;

import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.search.internal.LuceneIndexProvider;
import io.zhiku.testkit.SearchKit;

/** The embedded Lucene engine passes the search kit. */
class SearchFeaturesTest extends SearchKit {
  @Override
  protected KnowledgeBaseBuilder newKnowledgeBase() {
    return KnowledgeBase.builder().engine(new LuceneIndexProvider());
  }
}
