package io.zhiku.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shared real data is, as the tests find it: {@code -Dzhiku.data.dir}, else the {@code
 * ZHIKU_DATA_DIR} environment variable, else {@code shared/data} in the working directory or above it.
 */
public final class SharedData {
  private SharedData() {}

  /**
   * The shared data directory.
   *
   * @return the directory, or {@code null} if none is configured or found
   */
  public static Path directory() {
    String configured = System.getProperty("zhiku.data.dir", System.getenv("ZHIKU_DATA_DIR"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("shared/data"))) {
        return p.resolve("shared/data");
      }
    }
    return null;
  }
}
