package io.zhiku.search.internal;

import io.zhiku.core.internal.ProgressReporter;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.core.kb.Progress;
import io.zhiku.core.kb.ProgressListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.lucene.document.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds, on a thread of its own, the stored items that have no vector of the configured embedder (written
 * before it was set, or by another model), and re-writes them with their own sequence numbers; the next
 * commit makes that durable, and an interrupted run goes on at the next open. Until it has finished,
 * {@link #wordsOnly()} tells searches to rank by words alone, so that items with and without vectors are
 * ranked alike. A write the knowledge base makes meanwhile is embedded by its writer; this run must then
 * not put back the older version it read: every write goes through {@link #write}, which marks the ids
 * under the lock the run's own writes take, and the run leaves marked ids alone. Thread-safe.
 */
final class Reembedding {
  private static final Logger LOG = LoggerFactory.getLogger(Reembedding.class);
  /** Items embedded between two writes of the run: the embedder's cost dominates; the lock is held only to write. */
  private static final int BATCH = 64;

  /** What the run reads, embeds and writes: the index's own operations. */
  interface Index {
    /**
     * Visits every live item without a vector of the embedder, as of a searcher taken when the call starts.
     *
     * @param visitor receives each item with its sequence number
     */
    void forEachMissing(Consumer<ItemChange.Put> visitor) throws IOException;

    /** The documents of changes, embedded; fails without writing anything if the embedder fails. */
    List<Document> documents(List<ItemChange> changes);

    /** Replaces the changes' documents. */
    void write(List<ItemChange> changes, List<Document> docs) throws IOException;

    /** Makes what was written visible to searches. */
    void refresh() throws IOException;
  }

  /** A write that may fail with an {@link IOException}. */
  interface Write {
    void run() throws IOException;
  }

  /** Thrown inside the visit to stop it when the index closes. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  private final ReentrantLock writes = new ReentrantLock();
  private final Set<String> written = ConcurrentHashMap.newKeySet();
  private final Index index;
  private final String embedder;
  private final long total;
  private final ProgressReporter progress;
  private final Thread thread;
  /** Whether writes must be marked: from the start until the run ends. */
  private volatile boolean tracking;
  /** Whether searches must rank by words alone: until the run has finished completely. */
  private volatile boolean wordsOnly;
  private volatile boolean stopping;

  /**
   * Prepares a run; {@link #start} starts it.
   *
   * @param index the index's operations
   * @param embedder the embedder's name, for the log
   * @param total how many items have no vector; 0 for nothing to do
   * @param listener hears how far the run has come
   */
  Reembedding(Index index, String embedder, long total, ProgressListener listener) {
    this.index = index;
    this.embedder = embedder;
    this.total = total;
    this.progress = new ProgressReporter(listener, Progress.REEMBED, total);
    this.tracking = total > 0;
    this.wordsOnly = total > 0;
    this.thread = new Thread(this::run, "zhiku-reembed");
    thread.setDaemon(true);
  }

  /**
   * Starts the run, if there is anything to embed: reports its beginning (0 done of the total) on the
   * calling thread, so that the knowledge base's builder returns only after its listener has heard that a
   * run is under way. The reporter then belongs to the run's thread.
   */
  void start() {
    if (total > 0) {
      LOG.info("re-embedding {} items with {} in the background; searches rank by words alone until it has finished",
          total, embedder);
      progress.begin();
      thread.start();
    }
  }

  /**
   * Whether searches must rank by words alone.
   *
   * @return {@code true} while items without vectors remain
   */
  boolean wordsOnly() {
    return wordsOnly;
  }

  /**
   * Runs one of the knowledge base's writes: under the lock of the run's writes, marking the written ids
   * while the run goes on.
   *
   * @param changes the changes written
   * @param write the write
   */
  void write(List<ItemChange> changes, Write write) throws IOException {
    writes.lock();
    try {
      if (tracking) {
        changes.forEach(c -> written.add(c.id()));
      }
      write.run();
    } finally {
      writes.unlock();
    }
  }

  /** Stops the run after the batch it is embedding, and waits for that; the rest is done at the next open. */
  void stop() {
    stopping = true;
    if (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    long[] done = {0};
    long[] rewritten = {0};
    boolean complete = false;
    try {
      List<ItemChange> batch = new ArrayList<>(BATCH);
      index.forEachMissing(put -> {
        batch.add(put);
        if (batch.size() == BATCH) {
          rewritten[0] += flush(batch);
          done[0] += batch.size();
          batch.clear();
          progress.update(done[0]);
        }
      });
      rewritten[0] += flush(batch);
      done[0] += batch.size();
      index.refresh();
      complete = true;
    } catch (Stopped e) {
      LOG.info("re-embedding with {} stopped by close after {} of {} items; the rest at the next open", embedder, done[0], total);
    } catch (IOException | RuntimeException e) {
      LOG.error("re-embedding with {} failed after {} of {} items; searches rank by words alone until the next open",
          embedder, done[0], total, e);
    } finally {
      tracking = false;
      written.clear();
      if (complete) {
        wordsOnly = false; // before the last report: who hears it may count on meaning ranking at once
      }
      Duration took = progress.finish(done[0]);
      if (complete) {
        LOG.info("re-embedded {} items with {} in {} s ({} written meanwhile by the knowledge base were left as written)",
            rewritten[0], embedder, took.toSeconds(), done[0] - rewritten[0]);
      }
    }
  }

  /** Embeds a batch, then writes the items no write has replaced meanwhile; returns how many it wrote. */
  private int flush(List<ItemChange> batch) {
    if (stopping) {
      throw new Stopped();
    }
    if (batch.isEmpty()) {
      return 0;
    }
    List<Document> docs = index.documents(batch); // the slow part, outside the lock
    writes.lock();
    try {
      List<ItemChange> keep = new ArrayList<>(batch.size());
      List<Document> keepDocs = new ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        if (!written.contains(batch.get(i).id())) {
          keep.add(batch.get(i));
          keepDocs.add(docs.get(i));
        }
      }
      index.write(keep, keepDocs);
      return keep.size();
    } catch (IOException e) {
      throw LuceneStore.failure("items index", "store re-embedded items", e);
    } finally {
      writes.unlock();
    }
  }
}
