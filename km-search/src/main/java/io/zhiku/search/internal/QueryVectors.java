package io.zhiku.search.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The embeddings of the most recent query texts, so that a text asked again embeds once: the pages of one
 * search, a search repeated by many people, push's work text asked for each recommendation. An embedder
 * is deterministic ({@link io.zhiku.core.search.TextEmbedder}), so a kept vector is the vector the model
 * would give; with the bundled models that saves 2–4 ms of CPU on the caller's thread a time
 * (benchmarks/README.md). At most {@value #CAPACITY} texts, the least recently used dropped first: at the
 * longest texts (2,000 characters) and 512 dimensions about 3 MB.
 *
 * <p>Thread-safe. Two threads that miss the same text at once both embed it. The vectors handed out are
 * shared and never written to.
 */
final class QueryVectors {
  /** How many texts' vectors are kept. */
  static final int CAPACITY = 512;

  private final Map<String, float[]> recent = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
      return size() > CAPACITY;
    }
  };

  /**
   * The vector of a text, embedded if it is not kept.
   *
   * @param text the text as it is embedded
   * @param embed embeds it (and checks the vector) on a miss; its exception leaves nothing kept
   * @return the vector, not to be written to
   */
  float[] vector(String text, Function<String, float[]> embed) {
    synchronized (recent) {
      float[] kept = recent.get(text);
      if (kept != null) {
        return kept;
      }
    }
    float[] v = embed.apply(text); // outside the lock: embedding takes milliseconds
    synchronized (recent) {
      recent.put(text, v);
    }
    return v;
  }
}
