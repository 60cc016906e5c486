package io.zhiku.metrics.kpi;

/**
 * How much one item was used in a period: a line of a report's drill-down.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param itemId the item's id
 * @param title its title
 * @param views view events
 * @param clicks click events
 * @param reuses reuse events
 */
public record ItemUsage(String itemId, String title, long views, long clicks, long reuses) {
  /** @return views + clicks + reuses */
  public long total() {
    return views + clicks + reuses;
  }
}
