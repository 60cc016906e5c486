package io.zhiku.metrics.kpi;

import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.UsageEventType;

/**
 * One block of a report's scan with its events grouped by type (a counting sort of the block), each
 * type's events of the period apart from those past its end (the lookahead): a KPI loops over the events
 * of its own types only. The events of the period, of every type, are {@code row(0)} to {@code
 * row(periodEnd() - 1)}. Used on one thread; refilled for each block.
 */
final class BlockRows {
  private final EventColumns columns;
  private final long end;
  private final Object scan;
  private final int groups;
  private final UsageEventType[] types;
  /** Group g's events are order[start[g]] to order[start[g + 1] - 1]; period groups first, then lookahead ones. */
  private final int[] start;
  private int[] order = new int[0];
  private EventBlock block;
  private long serial;

  /**
   * @param columns the scan's columns
   * @param periodEnd the period's end, in epoch milliseconds
   * @param scan what identifies the scan, for {@link #sameAs}
   */
  BlockRows(EventColumns columns, long periodEnd, Object scan) {
    this.columns = columns;
    this.end = periodEnd;
    this.scan = scan;
    this.groups = columns.types().size() + 1; // other types first
    this.types = columns.types().toArray(UsageEventType[]::new);
    this.start = new int[2 * groups + 1];
  }

  /** Takes the next block, identified within the scan by a serial number. */
  void reset(EventBlock next, long serialNumber) {
    block = next;
    serial = serialNumber;
    int n = next.size();
    if (order.length < n) {
      order = new int[n];
    }
    java.util.Arrays.fill(start, 0);
    for (int i = 0; i < n; i++) {
      start[group(i) + 1]++;
    }
    for (int g = 0; g < start.length - 1; g++) {
      start[g + 1] += start[g];
    }
    int[] fill = java.util.Arrays.copyOf(start, start.length - 1);
    for (int i = 0; i < n; i++) {
      order[fill[group(i)]++] = i;
    }
  }

  private int group(int i) {
    return block.type(i) + 1 + (block.time(i) < end ? 0 : groups);
  }

  /** @return the block */
  EventBlock block() {
    return block;
  }

  /** @return the scan's columns */
  EventColumns columns() {
    return columns;
  }

  /** Whether this is the same block of the same scan as another one seen before (a family's KPIs share work). */
  boolean sameAs(Object otherScan, long otherSerial) {
    return scan == otherScan && serial == otherSerial;
  }

  /** @return what identifies the scan */
  Object scan() {
    return scan;
  }

  /** @return the block's serial number within the scan */
  long serial() {
    return serial;
  }

  /** The end (exclusive) of the period's events, of every type, in {@link #row} order. */
  int periodEnd() {
    return start[groups];
  }

  /** The first position of a type's events in the period; the type must be among the scan's columns. */
  int from(UsageEventType type) {
    return start[groupOf(type)];
  }

  /** The end (exclusive) of a type's events in the period. */
  int to(UsageEventType type) {
    return start[groupOf(type) + 1];
  }

  /** The first position of a type's events past the period's end. */
  int lookaheadFrom(UsageEventType type) {
    return start[groups + groupOf(type)];
  }

  /** The end (exclusive) of a type's events past the period's end. */
  int lookaheadTo(UsageEventType type) {
    return start[groups + groupOf(type) + 1];
  }

  /** The block index of the event at a position. */
  int row(int position) {
    return order[position];
  }

  /** The group of a type's events in the period: a few types, and KPIs pass their constants, so a scan beats a map. */
  private int groupOf(UsageEventType type) {
    for (int t = 0; t < types.length; t++) {
      if (types[t] == type) {
        return t + 1;
      }
    }
    for (int t = 0; t < types.length; t++) {
      if (types[t].equals(type)) {
        return t + 1;
      }
    }
    throw new IllegalStateException("the scan does not tell " + type + " apart: a KPI must require its types");
  }
}
