package io.zhiku.search.internal;

import io.zhiku.core.StorageException;
import io.zhiku.core.ZhikuException;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;

/**
 * What the engine's two stores (items, events) share: a directory with its writer and searchers, and
 * their lifecycle. Reads run under a lifecycle lock that {@link #close} takes exclusively, so nothing is
 * closed under a running read and a read after close gets {@link ZhikuException}; searchers are acquired
 * and released around each task; the last sequence number applied is tracked and each commit stores it
 * in the commit's user data; Lucene failures reach callers as {@link ZhikuException}s naming the store
 * and the operation. The item index and the event store extend it. Thread-safe: the knowledge base
 * serialises writes, applies and commits.
 */
abstract class LuceneStore {
  /** A task on a searcher that may throw I/O exceptions. */
  interface SearcherTask<T> {
    T run(IndexSearcher s) throws IOException;
  }

  private final String store;
  private final Directory directory;
  /** The store's writer; commit on close is off. */
  protected final IndexWriter writer;
  /** Searchers over the writer. */
  protected final SearcherManager searchers;
  private final String commitKey;
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lifecycle
  private volatile long lastSequence;
  private volatile long committedSequence;

  /**
   * Opens (or creates) the store: reads the sequence number of the last commit, then opens a writer
   * (appending, commit on close off) and searchers over it.
   *
   * @param store the store's name in messages, e.g. {@code "index"}
   * @param directory where it lives; closed with the store
   * @param config the writer's configuration
   * @param searcherFactory makes the searchers, or {@code null} for Lucene's default
   * @param commitKey the commit user-data key of the sequence number
   * @throws IOException if the directory cannot be read or written
   */
  protected LuceneStore(String store, Directory directory, IndexWriterConfig config, SearcherFactory searcherFactory,
      String commitKey) throws IOException {
    this.store = store;
    this.directory = directory;
    this.commitKey = commitKey;
    this.committedSequence = CommitSequence.read(directory, commitKey);
    this.lastSequence = committedSequence;
    this.writer = new IndexWriter(directory,
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND).setCommitOnClose(false));
    try {
      this.searchers = new SearcherManager(writer, searcherFactory);
    } catch (IOException | RuntimeException e) {
      try (IndexWriter w = writer) {
        throw e;
      }
    }
  }

  /** The directory the store lives in. */
  protected final Directory directory() {
    return directory;
  }

  /**
   * The highest sequence number applied.
   *
   * @return the sequence number
   */
  public final long lastSequence() {
    return lastSequence;
  }

  /**
   * The highest sequence number committed.
   *
   * @return the sequence number
   */
  public final long committedSequence() {
    return committedSequence;
  }

  /** Records that changes up to a sequence number were applied (to the writer). */
  protected final void applied(long sequence) {
    lastSequence = sequence;
  }

  /** Commits what was applied, with its sequence number; a failed commit leaves the committed number as it was. */
  public final void commit() {
    reading(() -> {
      long seq = lastSequence;
      try {
        CommitSequence.commit(writer, commitKey, seq);
      } catch (IOException | RuntimeException e) {
        throw failure("commit", e);
      }
      committedSequence = seq;
      return null;
    });
  }

  /** Runs a read unless the store is closed; close waits for running reads. */
  protected final <T> T reading(Supplier<T> read) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new ZhikuException("the " + store + " is closed");
      }
      return read.get();
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Runs a task on an acquired searcher; call within {@link #reading}. */
  protected final <T> T withSearcher(SearcherTask<T> task) {
    IndexSearcher s;
    try {
      s = searchers.acquire();
    } catch (IOException | RuntimeException e) {
      throw failure("acquire a searcher", e);
    }
    try {
      return task.run(s);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ZhikuException z) {
        throw z;
      }
      throw failure("search", e);
    } finally {
      try {
        searchers.release(s);
      } catch (IOException e) {
        throw failure("release a searcher", e);
      }
    }
  }

  /** {@link #reading} a {@link #withSearcher} task. */
  protected final <T> T search(SearcherTask<T> task) {
    return reading(() -> withSearcher(task));
  }

  /**
   * Closes the store once, after running reads end, discarding what was not committed; later calls do
   * nothing.
   *
   * @param also another resource of the store to close with it, or {@code null}
   */
  protected final void closeStore(Closeable also) {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try (Directory d = directory; Closeable a = also; SearcherManager s = searchers) {
        writer.close(); // commitOnClose=false: discards only what the knowledge base did not commit
      }
    } catch (IOException e) {
      throw failure("close", e);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /** A Lucene failure of this store as the exception callers get. */
  protected final StorageException failure(String what, Exception e) {
    return failure(store, what, e);
  }

  /**
   * A Lucene failure of a store as the exception callers get: a {@link StorageException}. Lucene closes a
   * writer after a failure it cannot recover from (a full disk during a merge, an I/O error while flushing);
   * the message says so, and that first failure is the cause's cause.
   */
  static StorageException failure(String store, String what, Exception e) {
    if (e instanceof AlreadyClosedException closed) {
      Throwable tragedy = closed.getCause();
      return new StorageException("the " + store + " is closed: cannot " + what
          + (tragedy == null ? "" : " (Lucene closed it after a failure: " + tragedy + ")"), e);
    }
    return new StorageException("the Lucene " + store + " failed to " + what + ": " + e, e);
  }
}
