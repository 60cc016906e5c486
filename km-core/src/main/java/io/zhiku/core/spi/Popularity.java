package io.zhiku.core.spi;

/**
 * How much each item has been used lately across the organisation, for the search ranking's
 * popularity boost: the knowledge base's decayed sum of uses (views, clicks, reuses, accepted
 * pushes...; see {@link io.zhiku.core.kb.KnowledgeBaseBuilder#popularityHalfLife}) at one moment.
 *
 * <p>An instance is a snapshot: its answers never change, and the knowledge base hands engines a new
 * instance when usage has moved on (at most every {@link #REFRESH_SECONDS} seconds), so an engine may
 * derive per-segment values from one instance and keep them until it sees another. Thread-safe.
 */
@FunctionalInterface
public interface Popularity {
  /** How old, at most, the snapshot a search gets may be, in seconds of the knowledge base's clock. */
  int REFRESH_SECONDS = 30;

  /** No usage known: engines may skip the boost altogether when handed this instance. */
  Popularity NONE = itemId -> 0;

  /**
   * An item's decayed uses.
   *
   * @param itemId the item's id
   * @return 0 or more (0 for an item never used)
   */
  double uses(String itemId);
}
