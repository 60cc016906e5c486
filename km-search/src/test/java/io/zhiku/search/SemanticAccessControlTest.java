package io.zhiku.search;

import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.search.TextEmbedder;
import io.zhiku.search.internal.LuceneIndexProvider;
import io.zhiku.testkit.AccessControlKit;

/**
 * The embedded Lucene engine with semantic ranking passes the access-control conformance kit: an
 * embedder re-orders hits and adds the nearest items by meaning, but must never let a hidden item be seen,
 * counted or suggested.
 */
class SemanticAccessControlTest extends AccessControlKit {
  /** Embeds a text as a hash of its characters into 16 buckets: any deterministic vector will do here. */
  private static final TextEmbedder CHARACTERS = new TextEmbedder() {
    @Override
    public String name() {
      return "characters";
    }

    @Override
    public int dimensions() {
      return 16;
    }

    @Override
    public float[] embed(String text) {
      float[] v = new float[16];
      v[0] = 0.01f;
      text.codePoints().forEach(c -> v[Math.floorMod(c * 31, 16)]++);
      return v;
    }
  };

  @Override
  protected boolean searchAddsNearestByMeaning() {
    return true;
  }

  @Override
  protected KnowledgeBaseBuilder newKnowledgeBase() {
    return KnowledgeBase.builder().engine(new LuceneIndexProvider()).embedder(CHARACTERS);
  }
}
