package io.zhiku.metrics.kpi;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.RowBlocks;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.taxonomy.Taxonomy;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * Where KPIs read from: usage events by columns, the items, and the taxonomy. Usually a {@link
 * KnowledgeBase} ({@link #of(KnowledgeBase)}); {@link #of(Collection, Collection, Taxonomy)} computes KPIs
 * over events and items held in memory (exported data, tests). Implementations must be thread-safe.
 */
public interface MetricsSource {
  /**
   * Visits the events a query matches, on the calling thread, in no particular order.
   *
   * @param query which events
   * @param visitor receives each row; a row is valid only during the call
   */
  void scanEvents(EventQuery query, Consumer<EventRow> visitor);

  /**
   * Visits the events a query matches in blocks of columns, on the calling thread: what {@link KpiEngine}
   * reads for the standard KPIs. The default gathers the rows of {@link #scanEvents} into blocks; a
   * knowledge base's source reads its store's columns a block at a time.
   *
   * @param query which events
   * @param columns which columns to read, for which types
   * @param visitor receives each block; a block is valid only during the call
   */
  default void scanEventBlocks(EventQuery query, EventColumns columns, Consumer<EventBlock> visitor) {
    RowBlocks.scan(rows -> scanEvents(query, rows), columns, visitor);
  }

  /**
   * Counts the events a query matches. The default counts the rows of {@link #scanEvents}.
   *
   * @param query which events
   * @return how many
   */
  default long countEvents(EventQuery query) {
    long[] n = {0};
    scanEvents(query, row -> n[0]++);
    return n[0];
  }

  /**
   * Visits every item.
   *
   * @param visitor receives each item
   */
  void forEachItem(Consumer<KnowledgeItem> visitor);

  /**
   * The taxonomy items are classified in.
   *
   * @return the taxonomy
   */
  Taxonomy taxonomy();

  /**
   * This source as one person sees it: only the items the viewer may read, and only the events without an
   * item or about such items (events about items that no longer exist are left out too). This is what
   * every figure of a report for that viewer is computed from, and what anything a host computes for a
   * person from a source (points, its own tallies) should read. Block scans and counts read the rows that
   * pass, so they cost a full row scan. Which items the viewer may read is taken once, at the view's first
   * event scan: take a new view for each report, not one for the application's life.
   *
   * @param viewer who sees the figures
   * @return the filtered source: items and events read through to this one, readability as of the first scan
   * @throws io.zhiku.core.ValidationException if the viewer is missing
   */
  default MetricsSource visibleTo(Principal viewer) {
    return new ViewerSource(this, Checks.present("viewer", viewer));
  }

  /**
   * A knowledge base's events (as of its last refresh, read by columns a block at a time), items and
   * taxonomy.
   *
   * @param kb the knowledge base; it stays the caller's to close
   * @return the source
   * @throws io.zhiku.core.ValidationException if the knowledge base is missing
   */
  static MetricsSource of(KnowledgeBase kb) {
    Checks.present("kb", kb);
    return new MetricsSource() {
      @Override
      public void scanEvents(EventQuery query, Consumer<EventRow> visitor) {
        kb.events().scan(query, visitor);
      }

      @Override
      public void scanEventBlocks(EventQuery query, EventColumns columns, Consumer<EventBlock> visitor) {
        kb.events().scanBlocks(query, columns, visitor);
      }

      @Override
      public long countEvents(EventQuery query) {
        return kb.events().count(query);
      }

      @Override
      public void forEachItem(Consumer<KnowledgeItem> visitor) {
        kb.forEachItem(visitor);
      }

      @Override
      public Taxonomy taxonomy() {
        return kb.taxonomy();
      }
    };
  }

  /**
   * Events and items held in memory; an event's sequence number is its position in the collection's
   * order, from 1.
   *
   * @param events the events
   * @param items the items
   * @param taxonomy the taxonomy
   * @return the source; it copies the collections
   * @throws io.zhiku.core.ValidationException if a part is missing or an element is {@code null}
   */
  static MetricsSource of(Collection<UsageEvent> events, Collection<KnowledgeItem> items, Taxonomy taxonomy) {
    return new InMemorySource(events, items, taxonomy);
  }
}
