package io.zhiku.core.spi;

import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.internal.RowBlocks;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The store of usage events behind a {@link io.zhiku.core.kb.KnowledgeBase}: append-only, read by
 * scans over columns (time, type, user, item, context), so that counting and aggregating by time window,
 * item, segment and type does not build one object per event. The embedded Lucene engine keeps events
 * in doc values; other engines implement the same contract.
 *
 * <p>The knowledge base validates events and serialises {@link #append}, {@link #deleteBefore}, {@link
 * #refresh} and {@link #commit}; {@link #scan}, {@link #scanBlocks} and {@link #count} may run on any
 * thread at any time.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #append} gives each new event the next sequence number and skips an event whose id is
 *       already stored (recording is idempotent for events that carry an id). It is all or nothing on an
 *       engine whose index declares {@link EngineCapability#ATOMIC_BATCHES}; on one that does not (a batch
 *       spread over shards), a failed append may leave part of the batch stored, and its exception says so.
 *   <li>{@link #scan}, {@link #scanBlocks} and {@link #count} see what was appended before the last
 *       {@link #refresh}; on an engine shared by many knowledge bases ({@link EngineCapability#SHARED}),
 *       also the other writers' events up to the point the last {@link #poll} moved to.
 *   <li>{@link #commit} makes appended events durable with the highest sequence number; after a crash,
 *       reopening gives exactly the last commit. On a shared engine every acknowledged append is durable
 *       already, and sequence numbers count one store's appends.
 *   <li>Events are never removed except by {@link #deleteBefore} (retention): deleting an item leaves its
 *       events countable.
 * </ul>
 */
public interface EventStore extends AutoCloseable {
  /**
   * Appends events: atomically where the engine has atomic batches (see the contract above).
   *
   * @param events valid events
   * @return the events actually appended: those whose id was already stored (or repeated earlier in the
   *     batch) are left out
   * @throws io.zhiku.core.ZhikuException if the engine fails; nothing of the batch is appended, or, on an
   *     engine without atomic batches, what the message says
   */
  List<UsageEvent> append(List<UsageEvent> events);

  /**
   * Visits every matching event, in no particular order, on the calling thread.
   *
   * @param query which events
   * @param visitor receives each event's row; the row is valid only during the call
   */
  void scan(EventQuery query, Consumer<EventRow> visitor);

  /**
   * Visits every matching event in blocks of columns, on the calling thread: the bulk form of {@link
   * #scan} for aggregations. The default gathers the rows of {@link #scan}; an engine that stores events
   * by columns reads each column for a block of events at a time, and only for the types that ask for it.
   *
   * @param query which events
   * @param columns which columns to read, for which types
   * @param visitor receives each block; a block is valid only during the call
   */
  default void scanBlocks(EventQuery query, EventColumns columns, Consumer<EventBlock> visitor) {
    RowBlocks.scan(rows -> scan(query, rows), columns, visitor);
  }

  /**
   * Counts matching events.
   *
   * @param query which events
   * @return how many
   */
  long count(EventQuery query);

  /**
   * Deletes the events that happened before an instant (retention).
   *
   * @param cutoff events strictly before it are deleted
   */
  void deleteBefore(Instant cutoff);

  /** Makes appended events visible to scans. */
  void refresh();

  /** Makes appended events durable, with the highest sequence number appended. */
  void commit();

  /**
   * The events other writers appended that this store's scans and counts include from now on, on an engine
   * shared by many knowledge bases ({@link EngineCapability#SHARED}). There, a store's scans and counts
   * cover its own events and the others' up to a point that each poll moves forward, handing on the events
   * it brings in, each once: so a listener that scanned when attached and then counts what polls bring
   * counts every event once. Called by the knowledge base after each {@link #refresh()}, with appends held.
   * The default, for an engine whose events are its own: none.
   *
   * @return the events brought in, in no particular order; never this store's own
   * @throws io.zhiku.core.ZhikuException if the engine fails; the point stays where it was
   */
  default List<UsageEvent> poll() {
    return List.of();
  }

  /**
   * The highest sequence number appended, committed or not (0 for a new store).
   *
   * @return the sequence number
   */
  long lastSequence();

  /**
   * The highest sequence number in the last commit (0 if never committed).
   *
   * @return the sequence number
   */
  long committedSequence();

  /** Releases the store's resources without committing; the knowledge base commits first. */
  @Override
  void close();
}
