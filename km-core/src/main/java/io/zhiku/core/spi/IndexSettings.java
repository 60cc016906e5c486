package io.zhiku.core.spi;

import io.zhiku.core.search.TextEmbedder;
import java.nio.file.Path;

/**
 * What a knowledge base tells an engine when it opens an index.
 *
 * @param directory where the index keeps its files, or {@code null} for an index held in memory only
 * @param embedder the embedder for semantic ranking, or {@code null} for none; its name and dimensions
 *     were checked by the knowledge base
 */
public record IndexSettings(Path directory, TextEmbedder embedder) {
  /**
   * Settings without semantic ranking.
   *
   * @param directory where the index keeps its files, or {@code null} for memory only
   */
  public IndexSettings(Path directory) {
    this(directory, null);
  }

  /**
   * Whether the index lives in memory only.
   *
   * @return {@code true} if there is no directory
   */
  public boolean inMemory() {
    return directory == null;
  }
}
