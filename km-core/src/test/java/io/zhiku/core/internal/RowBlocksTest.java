package io.zhiku.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowBlocksTest {
  private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");
  private static final Principal ALICE = Principal.of("alice", List.of("sales"), List.of());
  private static final EventColumns COLUMNS = EventColumns.builder()
      .read(EventColumns.Column.VALUE, UsageEventType.RATE)
      .read(EventColumns.Column.ITEM, UsageEventType.REUSE)
      .read(EventColumns.Column.RESULT_COUNT, UsageEventType.SEARCH)
      .attribute("case", UsageEventType.REUSE)
      .build();

  @Test
  void blocks_holdTheAskedColumnsOnlyForTheirTypes() {
    List<UsageEvent> events = List.of(
        UsageEvent.ofRating(T, ALICE, "i1", 4),
        new UsageEvent(null, UsageEventType.REUSE, T.plusSeconds(1), ALICE, "i2", context("k1"), null, null, 30.0),
        UsageEvent.ofSearch(T.plusSeconds(2), ALICE, "q", 7, context("k1")),
        UsageEvent.ofItem(UsageEventType.VIEW, T.plusSeconds(3), ALICE, "i1"),
        new UsageEvent(null, UsageEventType.REUSE, T.plusSeconds(4), ALICE, "i1", context("k2"), null, null, null));
    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    List<Integer> caseNumbers = new ArrayList<>();
    RowBlocks blocks = new RowBlocks(COLUMNS, 2, b -> {
      sizes.add(b.size());
      for (int i = 0; i < b.size(); i++) {
        seen.add(b.time(i) - T.toEpochMilli() + " " + b.type(i) + " " + b.userId(i) + " " + b.itemId(i) + " " + b.value(i)
            + " " + b.resultCount(i) + " " + b.attribute(0, i));
        if (b.attributeNumber(0, i) >= 0) {
          caseNumbers.add(b.attributeNumber(0, i));
        }
      }
      assertThrows(IndexOutOfBoundsException.class, () -> b.time(b.size()));
    });
    for (int i = 0; i < events.size(); i++) {
      blocks.accept(row(events.get(i), i));
    }
    blocks.flush();
    blocks.flush(); // nothing left: no empty block
    assertEquals(List.of(2, 2, 1), sizes);
    assertEquals(List.of(
        "0 0 alice null 4.0 -1 null", // rate: value only
        "1000 1 alice i2 NaN -1 k1", // reuse: item and case, not the value
        "2000 2 alice null NaN 7 null", // search: result count, not the case
        "3000 -1 alice null NaN -1 null", // another type: time, type and user only
        "4000 1 alice i1 NaN -1 k2"), seen);
    assertEquals(2, caseNumbers.size());
    assertNotEquals(caseNumbers.get(0), caseNumbers.get(1));
  }

  @Test
  void aRowWithoutTheAttribute_hasNone() {
    List<EventBlock> got = new ArrayList<>();
    RowBlocks.scan(v -> v.accept(row(UsageEvent.ofItem(UsageEventType.REUSE, T, ALICE, "i1"), 0)), COLUMNS, b -> {
      assertEquals(-1, b.attributeNumber(0, 0));
      assertNull(b.attribute(0, 0));
      assertEquals(7, b.itemNumber(0));
      got.add(b);
    });
    assertEquals(1, got.size());
    assertTrue(got.get(0).columns() == COLUMNS);
  }

  private static WorkContext context(String key) {
    return WorkContext.builder(ALICE, T).attribute("case", key).build();
  }

  /** A row over an event: user number 0, item number 7. */
  private static ObjectRow row(UsageEvent e, int position) {
    return new ObjectRow(position + 1, e, 0, e.itemId() == null ? -1 : 7);
  }
}
