package io.zhiku.core.kb;

import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.internal.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage events of a {@link KnowledgeBase}, from {@link KnowledgeBase#events()}: record them (searches
 * made through {@link KnowledgeBase#search} are recorded on their own), count them and scan them, row by
 * row or in blocks of columns. Events become durable with the knowledge base's next commit, like items,
 * and stay after their item is deleted; only the builder's event retention removes them.
 *
 * <p>Counts and scans are the host's own view, with no access rule applied, and see the events recorded
 * before the last refresh (on the refresh interval, on {@link KnowledgeBase#refresh()}, or on its own once
 * 10,000 events are waiting). The change listeners and the popularity boost hear of an event as soon as it
 * is recorded.
 *
 * <p>Thread-safe: recording is serialised (never behind item writes); counts and scans run on the calling
 * thread without a lock. After the knowledge base is closed every method throws {@link ZhikuException}.
 */
public final class UsageEvents {
  private static final Logger LOG = LoggerFactory.getLogger(UsageEvents.class);
  /** The most events one {@link #recordAll} takes. */
  public static final int MAX_BATCH = 100_000;

  private final EventLog log;
  private final UsagePopularity popularity;
  private final List<ChangeListener> listeners;
  private final Runnable ensureOpen;
  private final Timings timings;

  UsageEvents(EventLog log, UsagePopularity popularity, List<ChangeListener> listeners, Runnable ensureOpen, Timings timings) {
    this.timings = timings;
    this.log = log;
    this.popularity = popularity;
    this.listeners = listeners;
    this.ensureOpen = ensureOpen;
  }

  /**
   * Records a usage event.
   *
   * @param event the event
   * @return {@code true} if it was stored, {@code false} if an event with its id was already stored
   * @throws ValidationException if the event is missing
   */
  public boolean record(UsageEvent event) {
    return recordAll(List.of(Checks.present("event", event))).size() == 1;
  }

  /**
   * Records usage events, all or nothing on an engine with atomic batches (the embedded one). On an engine
   * without them ({@link io.zhiku.core.spi.EngineCapability#ATOMIC_BATCHES} not declared: SolrCloud, where a
   * batch spreads over shards), a failure may leave part of the batch stored, and the exception says so.
   * Events that carry an id already stored (or repeated in the batch) are skipped, so a host may safely
   * retry.
   *
   * @param batch the events, at most {@value #MAX_BATCH}
   * @return the events stored
   * @throws ValidationException if the batch or an event in it is missing, or the batch is too large
   * @throws io.zhiku.core.ZhikuException if the engine fails ({@link io.zhiku.core.UnavailableException} if
   *     it may succeed later)
   */
  public List<UsageEvent> recordAll(List<UsageEvent> batch) {
    Checks.count("UsageEvents.recordAll", Checks.present("events", batch).size(), MAX_BATCH);
    batch.forEach(e -> Checks.present("event", e));
    return log.append(batch, ensureOpen, (stored, first) -> {
      timings.eventsRecorded.add(stored.size());
      stored.forEach(popularity::add);
      for (ChangeListener l : listeners) {
        try {
          l.eventsRecorded(stored, first);
        } catch (RuntimeException e) {
          LOG.error("change listener {} failed on events from sequence {}; the events stay stored", l, first, e);
        }
      }
    });
  }

  /**
   * How long events are kept (the builder's {@link KnowledgeBaseBuilder#eventRetention}): older events are
   * deleted at each commit. What a host or a module keeps as events for longer must be recorded again
   * before then.
   *
   * @return the retention, or empty if events are kept for ever
   */
  public Optional<Duration> retention() {
    return Optional.ofNullable(log.retention());
  }

  /**
   * The sequence number of the last usage event stored, committed or not.
   *
   * @return the sequence number, 0 if there was none
   */
  public long lastSequence() {
    return log.lastSequence();
  }

  /**
   * Counts stored usage events.
   *
   * @param query which events
   * @return how many
   * @throws ValidationException if the query is missing
   */
  public long count(EventQuery query) {
    Checks.present("query", query);
    ensureOpen.run();
    return log.count(query);
  }

  /**
   * Reads stored usage events column by column, on the calling thread.
   *
   * @param query which events
   * @param visitor receives each event's row; the row is valid only during the call
   * @throws ValidationException if an argument is missing
   */
  public void scan(EventQuery query, Consumer<EventRow> visitor) {
    Checks.present("query", query);
    Checks.present("visitor", visitor);
    ensureOpen.run();
    log.scan(query, visitor);
  }

  /**
   * Reads stored usage events in blocks of columns, on the calling thread: the bulk form of {@link #scan}
   * for aggregations over many events (KPIs), reading each column only for the types that ask for it.
   *
   * @param query which events
   * @param columns which columns to read, for which types
   * @param visitor receives each block; a block is valid only during the call
   * @throws ValidationException if an argument is missing
   */
  public void scanBlocks(EventQuery query, EventColumns columns, Consumer<EventBlock> visitor) {
    Checks.present("query", query);
    Checks.present("columns", columns);
    Checks.present("visitor", visitor);
    ensureOpen.run();
    log.scanBlocks(query, columns, visitor);
  }
}
