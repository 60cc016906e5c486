package io.zhiku.search;

import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.search.internal.LuceneIndexProvider;
import io.zhiku.testkit.AccessControlKit;

/** The embedded Lucene engine passes the access-control conformance kit. */
class LuceneAccessControlTest extends AccessControlKit {
  @Override
  protected KnowledgeBaseBuilder newKnowledgeBase() {
    return KnowledgeBase.builder().engine(new LuceneIndexProvider());
  }
}
