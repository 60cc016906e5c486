package io.zhiku.core.kb;

/**
 * Hears how far long work has come ({@link KnowledgeBaseBuilder#progressListener}): opening a knowledge
 * base over a large store, re-embedding items after the embedder changed. Reports come from the thread
 * doing the work (the opening thread, or a background thread of the engine), a few per second at most
 * and always a last one with {@link Progress#finished()}; a listener must be thread-safe, return quickly,
 * and not call back into the knowledge base. What it throws is logged and ignored: the work goes on.
 */
@FunctionalInterface
public interface ProgressListener {
  /** Hears nothing. */
  ProgressListener NONE = progress -> {};

  /**
   * Hears one report.
   *
   * @param progress how far the work has come
   */
  void progress(Progress progress);
}
