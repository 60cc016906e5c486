package io.zhiku.search.internal;

import io.zhiku.core.StorageException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.kb.ProgressListener;
import io.zhiku.core.spi.EventStore;
import io.zhiku.core.spi.IndexSettings;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.spi.KnowledgeIndexProvider;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The embedded Lucene engine, found by {@link java.util.ServiceLoader} as {@code "lucene"}: two indexes
 * under the knowledge base's directory, {@code items/} and {@code events/}, or both in memory when it has
 * none. Stateless and thread-safe.
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
    return openIn(settings, ITEMS, d -> new LuceneKnowledgeIndex(d, settings.embedder(), settings.progress()));
  }

  @Override
  public EventStore openEvents(IndexSettings settings) {
    return openIn(settings, EVENTS, LuceneEventStore::new);
  }

  /** The sub-directory of the items index. */
  static final String ITEMS = "items";
  /** The sub-directory of the event store. */
  static final String EVENTS = "events";

  /** Opens a store on a directory it then owns. */
  private interface Opener<T> {
    T open(Directory directory) throws IOException;
  }

  private static <T> T openIn(IndexSettings settings, String sub, Opener<T> opener) {
    Directory directory = null;
    try {
      if (settings.inMemory()) {
        directory = new ByteBuffersDirectory();
      } else {
        Files.createDirectories(settings.directory().resolve(sub));
        directory = FSDirectory.open(settings.directory().resolve(sub));
      }
      return opener.open(directory);
    } catch (IOException | RuntimeException e) {
      closeQuietly(directory, e);
      if (e instanceof ZhikuException z && !(z instanceof StorageException)) {
        throw z; // not the files' fault (an embedder that failed, a setting): it says what it is
      }
      throw new StorageException("cannot open the Lucene " + sub + " index in "
          + (settings.inMemory() ? "memory" : settings.directory().resolve(sub)) + ": " + e.getMessage(), e);
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
    return new LuceneKnowledgeIndex(directory, null, ProgressListener.NONE);
  }

  /**
   * A provider whose items index lives in the given directory and whose events are held in memory,
   * whatever the knowledge base's settings say (tests use Lucene's fault-injecting directories;
   * benchmarks share an index built with raw Lucene).
   *
   * @param directory the directory; the index closes it
   * @return the provider
   */
  public static KnowledgeIndexProvider on(Directory directory) {
    return on(directory, new ByteBuffersDirectory());
  }

  /**
   * A provider whose items index and event store live in the given directories, whatever the knowledge
   * base's settings say.
   *
   * @param directory the items index's directory; the index closes it
   * @param events the event store's directory; the store closes it
   * @return the provider
   */
  public static KnowledgeIndexProvider on(Directory directory, Directory events) {
    return new KnowledgeIndexProvider() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public KnowledgeIndex open(IndexSettings settings) {
        try {
          return new LuceneKnowledgeIndex(directory, settings.embedder(), settings.progress());
        } catch (IOException e) {
          throw new StorageException("cannot open the Lucene index in " + directory + ": " + e.getMessage(), e);
        }
      }

      @Override
      public EventStore openEvents(IndexSettings settings) {
        try {
          return new LuceneEventStore(events);
        } catch (IOException e) {
          throw new StorageException("cannot open the Lucene event store in " + events + ": " + e.getMessage(), e);
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
