package io.zhiku.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Checks that a block scan reads what a row scan reads: the same events, each column only for the types that ask for it. */
public final class BlockAgreement {
  /** Keys that are prefixes of one another. */
  public static final String[] KEYS = {"case", "cases", "case-id", "ca"};
  /** Types with and without items, values and result counts. */
  public static final UsageEventType[] TYPES = {UsageEventType.VIEW, UsageEventType.REUSE, UsageEventType.RATE,
      UsageEventType.SEARCH, UsageEventType.of("case-opened"), UsageEventType.of("proposal")};

  private BlockAgreement() {}

  /**
   * Random events a second apart: with or without items, values, result counts and a context; either
   * several attributes per event or one at most (which Lucene stores as single-valued), values holding '='.
   *
   * @param r the randomness
   * @param n how many events
   * @param from the time of the first
   * @param types the types to draw from
   * @param keys the context attribute keys to draw from
   * @return the events, in time order
   */
  public static List<UsageEvent> randomEvents(Random r, int n, Instant from, UsageEventType[] types, String[] keys) {
    boolean several = r.nextBoolean();
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Principal p = Principal.of("u" + r.nextInt(40));
      Instant t = from.plusSeconds(i);
      UsageEventType type = types[r.nextInt(types.length)];
      WorkContext.Builder c = WorkContext.builder(p, t);
      for (String k : keys) {
        if (r.nextInt(several ? 2 : 8) == 0 && (several || c.build().attributes().isEmpty())) {
          c.attribute(k, r.nextBoolean() ? "v" + r.nextInt(50) : "x=" + r.nextInt(4));
        }
      }
      WorkContext context = r.nextBoolean() ? c.build() : null;
      String item = type.requiresItem() || r.nextBoolean() ? "i" + r.nextInt(30) : null;
      Double value = type.requiresValue() ? Double.valueOf(1 + r.nextInt(5)) : r.nextInt(3) == 0 ? Double.valueOf(r.nextInt(90)) : null;
      events.add(type.equals(UsageEventType.SEARCH) ? UsageEvent.ofSearch(t, p, "q", r.nextInt(4), context)
          : new UsageEvent(null, type, t, p, item, context, null, null, value));
    }
    return events;
  }

  /** A block scan, such as {@code kb.events()::scanBlocks}. */
  @FunctionalInterface
  public interface BlockScan {
    /**
     * Scans the events a query selects, a block at a time.
     *
     * @param query which events
     * @param columns what to read of them
     * @param visitor called with each block
     */
    void scan(EventQuery query, EventColumns columns, Consumer<EventBlock> visitor);
  }

  /**
   * Asserts that the blocks hold the rows' columns, and that attribute numbers are one per value of a key.
   *
   * @param rows a row scan
   * @param blocks the block scan of the same store
   * @param query which events both scan
   * @param columns what the blocks read
   */
  public static void assertBlocksEqualRows(BiConsumer<EventQuery, Consumer<EventRow>> rows, BlockScan blocks,
      EventQuery query, EventColumns columns) {
    List<String> expected = new ArrayList<>();
    rows.accept(query, row -> expected.add(fromRow(row, columns)));
    List<String> actual = new ArrayList<>();
    Map<String, Integer> numbers = new HashMap<>();
    blocks.scan(query, columns, b -> {
      for (int i = 0; i < b.size(); i++) {
        actual.add(fromBlock(b, i));
        for (int k = 0; k < columns.attributeKeys().size(); k++) {
          String v = b.attribute(k, i);
          assertEquals(v == null, b.attributeNumber(k, i) < 0);
          if (v != null) {
            int n = b.attributeNumber(k, i);
            assertEquals(numbers.computeIfAbsent(k + "=" + v, x -> n), n, "one number per value of " + k);
          }
        }
      }
    });
    Collections.sort(expected);
    Collections.sort(actual);
    assertEquals(expected, actual, query + " " + columns);
    assertEquals(numbers.size(), new HashSet<>(numbers.values()).size(), "different values, different numbers");
  }

  /**
   * Random types told apart, columns and attributes read for random types.
   *
   * @param r the randomness
   * @param types the types to draw from
   * @param keys the attribute keys to draw from
   * @return the columns
   */
  public static EventColumns randomColumns(Random r, UsageEventType[] types, String[] keys) {
    EventColumns.Builder cb = EventColumns.builder();
    for (UsageEventType t : types) {
      if (r.nextBoolean()) {
        cb.types(t);
      }
    }
    for (EventColumns.Column column : EventColumns.Column.values()) {
      cb.read(column, some(r, types));
    }
    for (String k : keys) {
      if (r.nextBoolean()) {
        cb.attribute(k, some(r, types));
      }
    }
    return cb.build();
  }

  /**
   * About a third of the types.
   *
   * @param r the randomness
   * @param types the types to draw from
   * @return the drawn types
   */
  public static UsageEventType[] some(Random r, UsageEventType[] types) {
    return Arrays.stream(types).filter(t -> r.nextInt(3) == 0).toArray(UsageEventType[]::new);
  }

  /** What a block should hold for a row: each column only if the columns read it for the row's type. */
  private static String fromRow(EventRow row, EventColumns c) {
    int t = c.typeIndex(UsageEventType.of(row.type()));
    StringBuilder s = new StringBuilder().append(row.timeMillis()).append(' ').append(t).append(' ').append(row.userId())
        .append('#').append(row.userNumber());
    boolean item = c.reads(EventColumns.Column.ITEM, t);
    s.append(' ').append(item ? row.itemId() : null).append('#').append(item ? row.itemNumber() : -1);
    s.append(' ').append(c.reads(EventColumns.Column.VALUE, t) ? row.value() : Double.NaN);
    s.append(' ').append(c.reads(EventColumns.Column.RESULT_COUNT, t) ? row.resultCount() : -1);
    for (int k = 0; k < c.attributeKeys().size(); k++) {
      s.append(' ').append(c.readsAttribute(k, t) ? row.contextAttribute(c.attributeKeys().get(k)) : null);
    }
    return s.toString();
  }

  private static String fromBlock(EventBlock b, int i) {
    StringBuilder s = new StringBuilder().append(b.time(i)).append(' ').append(b.type(i)).append(' ').append(b.userId(i))
        .append('#').append(b.userNumber(i));
    s.append(' ').append(b.itemId(i)).append('#').append(b.itemNumber(i));
    s.append(' ').append(b.value(i));
    s.append(' ').append(b.resultCount(i));
    for (int k = 0; k < b.columns().attributeKeys().size(); k++) {
      s.append(' ').append(b.attribute(k, i));
    }
    return s.toString();
  }
}
