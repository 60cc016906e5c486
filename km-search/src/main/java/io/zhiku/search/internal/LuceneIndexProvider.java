package io.zhiku.search.internal;

import io.zhiku.core.ZhikuException;
import io.zhiku.core.spi.IndexSettings;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.spi.KnowledgeIndexProvider;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The embedded Lucene engine, found by {@link java.util.ServiceLoader} as {@code "lucene"}: an index in
 * the knowledge base's directory, or in memory when it has none. Stateless and thread-safe.
 */
public final class LuceneIndexProvider implements KnowledgeIndexProvider {
  /** The engine's name. */
  public static final String NAME = "lucene";

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public LuceneIndexProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public KnowledgeIndex open(IndexSettings settings) {
    Directory directory = null;
    try {
      if (settings.inMemory()) {
        directory = new ByteBuffersDirectory();
      } else {
        Files.createDirectories(settings.directory());
        directory = FSDirectory.open(settings.directory());
      }
      return open(directory);
    } catch (IOException | RuntimeException e) {
      closeQuietly(directory, e);
      throw new ZhikuException("cannot open the Lucene index in " + (settings.inMemory() ? "memory" : settings.directory())
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens an index on a directory the caller provides (tests use Lucene's fault-injecting directories).
   *
   * @param directory the directory; the index closes it
   * @return the index
   * @throws IOException if it cannot be opened
   */
  public static KnowledgeIndex open(Directory directory) throws IOException {
    return new LuceneKnowledgeIndex(directory);
  }

  /**
   * A provider whose index lives in the given directory, whatever the knowledge base's settings say
   * (tests use Lucene's fault-injecting directories; benchmarks share an index built with raw Lucene).
   *
   * @param directory the directory; the index closes it
   * @return the provider
   */
  public static KnowledgeIndexProvider on(Directory directory) {
    return new KnowledgeIndexProvider() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public KnowledgeIndex open(IndexSettings settings) {
        try {
          return LuceneIndexProvider.open(directory);
        } catch (IOException e) {
          throw new ZhikuException("cannot open the Lucene index in " + directory + ": " + e.getMessage(), e);
        }
      }
    };
  }

  private static void closeQuietly(Directory directory, Exception cause) {
    if (directory != null) {
      try {
        directory.close();
      } catch (IOException suppressed) {
        cause.addSuppressed(suppressed);
      }
    }
  }
}
