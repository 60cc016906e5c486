package io.zhiku.search.internal;

import io.zhiku.core.ZhikuException;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * What the engine's two stores (items, events) share around their searchers: reads run under a
 * lifecycle lock that {@link #close} takes exclusively, so nothing is closed under a running read and a
 * read after close gets {@link ZhikuException}; searchers are acquired and released around each task;
 * Lucene failures reach callers as {@link ZhikuException}s naming the store and the operation.
 * Thread-safe.
 */
final class GuardedSearchers {
  /** A task on a searcher that may throw I/O exceptions. */
  interface SearcherTask<T> {
    T run(IndexSearcher s) throws IOException;
  }

  /** Releases a store's resources. */
  interface Resources {
    void close() throws IOException;
  }

  private final String store;
  private final SearcherManager searchers;
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lifecycle

  /**
   * @param store the store's name in messages, e.g. {@code "index"}
   * @param searchers its searchers
   */
  GuardedSearchers(String store, SearcherManager searchers) {
    this.store = store;
    this.searchers = searchers;
  }

  /** Runs a read unless the store is closed; close waits for running reads. */
  <T> T reading(Supplier<T> read) {
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
  <T> T withSearcher(SearcherTask<T> task) {
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
  <T> T search(SearcherTask<T> task) {
    return reading(() -> withSearcher(task));
  }

  /** Closes the store's resources once, after running reads end; later calls do nothing. */
  void close(Resources resources) {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      resources.close();
    } catch (IOException e) {
      throw failure("close", e);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /** A Lucene failure of this store as the exception callers get. */
  ZhikuException failure(String what, Exception e) {
    return failure(store, what, e);
  }

  /** A Lucene failure of a store as the exception callers get. */
  static ZhikuException failure(String store, String what, Exception e) {
    if (e instanceof AlreadyClosedException) {
      return new ZhikuException("the " + store + " is closed: cannot " + what, e);
    }
    return new ZhikuException("the Lucene " + store + " failed to " + what + ": " + e, e);
  }
}
