package io.zhiku.core.internal;

import io.zhiku.core.ZhikuException;
import io.zhiku.core.search.TextEmbedder;

/**
 * Calling a host's {@link TextEmbedder} safely, for every module that embeds text (the engine on writes
 * and searches, the duplicate finder), so that a misbehaving embedder fails the same way everywhere.
 * Stateless and thread-safe.
 */
public final class Embeddings {
  private Embeddings() {}

  /**
   * The embedder's vector of a text, checked: its length, finite values, not all zero.
   *
   * @param embedder the embedder
   * @param text the text
   * @param what what the text is, for the message ("the query", "item x")
   * @return the vector
   * @throws ZhikuException naming the embedder and the text if it throws or returns a bad vector
   */
  public static float[] embed(TextEmbedder embedder, String text, String what) {
    float[] v;
    try {
      v = embedder.embed(text);
    } catch (RuntimeException e) {
      throw new ZhikuException("the embedder " + embedder.name() + " failed on " + what + ": " + e.getMessage(), e);
    }
    String problem = v == null ? "no vector" : v.length != embedder.dimensions()
        ? v.length + " values where it declares " + embedder.dimensions() : null;
    if (problem == null) {
      boolean nonZero = false;
      for (float f : v) {
        if (!Float.isFinite(f)) {
          problem = "a value that is not finite (" + f + ")";
          break;
        }
        nonZero |= f != 0;
      }
      if (problem == null && !nonZero) {
        problem = "a vector of zeros";
      }
    }
    if (problem != null) {
      throw new ZhikuException("the embedder " + embedder.name() + " returned " + problem + " for " + what);
    }
    return v;
  }

  /**
   * The start of a text to embed: its first {@code maxChars} chars, a surrogate pair kept whole (so one
   * char fewer when the cut would split one).
   *
   * @param text the text
   * @param maxChars the most chars kept
   * @return the text itself if short enough, else its start
   */
  public static String prefix(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    return text.substring(0, Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars);
  }
}
