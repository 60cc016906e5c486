package io.zhiku.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the shared real data ({@code ../shared/data} beside the checkout; or {@code -Dzhiku.data.dir},
 * or the {@code ZHIKU_DATA_DIR} environment variable). A test that needs a file is skipped when it is
 * missing, unless {@code ZHIKU_REQUIRE_DATA=1}, in which case it fails.
 */
public final class SharedData {
  private SharedData() {}

  /**
   * The path of a shared data file, skipping or failing the test when it is absent.
   *
   * @param relative e.g. {@code "skos/unesco-thesaurus.ttl"}
   * @return the file
   */
  public static Path require(String relative) {
    Path dir = dataDir();
    Path file = dir == null ? null : dir.resolve(relative);
    if (file == null || !Files.isRegularFile(file)) {
      String where = dir != null ? "in " + dir
          : "no shared/data directory above " + Path.of("").toAbsolutePath() + "; set -Dzhiku.data.dir or ZHIKU_DATA_DIR";
      String message = "shared data file " + relative + " not found (" + where + ")";
      if ("1".equals(System.getenv("ZHIKU_REQUIRE_DATA"))) {
        Assertions.fail(message + " and ZHIKU_REQUIRE_DATA=1");
      }
      Assumptions.abort(message + "; skipped (set ZHIKU_REQUIRE_DATA=1 to make this a failure)");
    }
    return file;
  }

  private static Path dataDir() {
    String configured = System.getProperty("zhiku.data.dir", System.getenv("ZHIKU_DATA_DIR"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
