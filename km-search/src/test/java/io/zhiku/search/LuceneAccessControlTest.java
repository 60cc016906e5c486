package io.zhiku.search;

import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.testing.AccessControlConformanceKit;
import io.zhiku.search.internal.LuceneIndexProvider;

/** The embedded Lucene engine passes the access-control conformance kit. */
class LuceneAccessControlTest extends AccessControlConformanceKit {
  @Override
  protected KnowledgeBase.Builder newKnowledgeBase() {
    return KnowledgeBase.builder().engine(new LuceneIndexProvider());
  }
}
