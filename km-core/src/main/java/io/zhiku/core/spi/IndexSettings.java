package io.zhiku.core.spi;

import java.nio.file.Path;

/**
 * What a knowledge base tells an engine when it opens an index.
 *
 * @param directory where the index keeps its files, or {@code null} for an index held in memory only
 */
public record IndexSettings(Path directory) {
  /**
   * Whether the index lives in memory only.
   *
   * @return {@code true} if there is no directory
   */
  public boolean inMemory() {
    return directory == null;
  }
}
