package io.zhiku.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventColumnsTest {
  private static final UsageEventType CASE_OPENED = UsageEventType.of("case-opened");

  @Test
  void builder_mergesWhatSeveralReadersAskFor() {
    EventColumns c = EventColumns.builder()
        .types(UsageEventType.SEARCH)
        .read(EventColumns.Column.RESULT_COUNT, UsageEventType.SEARCH)
        .read(EventColumns.Column.VALUE, UsageEventType.RATE)
        .attribute("case", CASE_OPENED, UsageEventType.VIEW)
        .attribute("case", UsageEventType.VIEW, UsageEventType.CLICK)
        .types(UsageEventType.RATE)
        .build();
    assertEquals(List.of(UsageEventType.SEARCH, UsageEventType.RATE, CASE_OPENED, UsageEventType.VIEW, UsageEventType.CLICK),
        c.types());
    assertEquals(1, c.typeIndex(UsageEventType.RATE));
    assertEquals(-1, c.typeIndex(UsageEventType.REUSE));
    assertTrue(c.reads(EventColumns.Column.RESULT_COUNT, 0));
    assertFalse(c.reads(EventColumns.Column.RESULT_COUNT, 1));
    assertFalse(c.reads(EventColumns.Column.ITEM, 0));
    assertFalse(c.reads(EventColumns.Column.VALUE, -1), "other types read nothing beyond time, type and user");
    assertEquals(List.of("case"), c.attributeKeys());
    assertTrue(c.readsAttribute(0, c.typeIndex(UsageEventType.CLICK)));
    assertFalse(c.readsAttribute(0, c.typeIndex(UsageEventType.SEARCH)));
  }

  @Test
  void badColumns_areRefusedNamingTheField() {
    ValidationException twice = assertThrows(ValidationException.class,
        () -> new EventColumns(List.of(UsageEventType.VIEW, UsageEventType.VIEW), Map.of(), Map.of()));
    assertEquals("EventColumns.types", twice.field());
    ValidationException outside = assertThrows(ValidationException.class, () -> new EventColumns(
        List.of(UsageEventType.VIEW), Map.of(EventColumns.Column.VALUE, Set.of(UsageEventType.RATE)), Map.of()));
    assertEquals("EventColumns.reads[VALUE]", outside.field());
    assertEquals("rate", outside.value());
    ValidationException key = assertThrows(ValidationException.class,
        () -> EventColumns.builder().attribute("no such key!", UsageEventType.VIEW));
    assertEquals("key", key.field());
    EventColumns.Builder many = EventColumns.builder();
    for (int k = 0; k <= WorkContext.MAX_ATTRIBUTES; k++) {
      many.attribute("k" + k, UsageEventType.VIEW);
    }
    ValidationException tooMany = assertThrows(ValidationException.class, many::build);
    assertEquals("EventColumns.attributes", tooMany.field());
    assertThrows(ValidationException.class, () -> EventColumns.builder().types((UsageEventType) null));
    assertThrows(ValidationException.class, () -> EventColumns.builder().read(null, UsageEventType.VIEW));
  }
}
