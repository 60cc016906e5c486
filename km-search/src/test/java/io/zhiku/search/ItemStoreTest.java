package io.zhiku.search;

import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.search.internal.LuceneIndexProvider;
import io.zhiku.testkit.ItemStoreKit;

/** The embedded Lucene engine passes the item store kit. */
class ItemStoreTest extends ItemStoreKit {
  @Override
  protected KnowledgeBaseBuilder newKnowledgeBase() {
    return KnowledgeBase.builder().engine(new LuceneIndexProvider());
  }
}
