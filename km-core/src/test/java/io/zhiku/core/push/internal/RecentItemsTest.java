package io.zhiku.core.push.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zhiku.core.access.Acl;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.spi.ItemSummary;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link RecentItems}: loads once, and never serves an item older than the table's summary. */
class RecentItemsTest {
  private final ItemTable table = new ItemTable();
  private final Map<String, KnowledgeItem> store = new HashMap<>();
  private final AtomicInteger loads = new AtomicInteger();
  private final RecentItems items = new RecentItems(table, id -> {
    loads.incrementAndGet();
    return Optional.ofNullable(store.get(id));
  });

  private void write(KnowledgeItem item) {
    store.put(item.id(), item);
    table.put(ItemSummary.of(item));
  }

  private static KnowledgeItem item(String title, long version) {
    Instant t = Instant.parse("2026-11-01T00:00:00Z");
    return KnowledgeItem.builder("a", ItemKind.SOLUTION, title).acl(Acl.PUBLIC).stored(t, t, version).build();
  }

  @Test
  void loadsOnce_reloadsAfterEveryWrite_forgetsDeletedItems() {
    write(item("first", 1));
    assertEquals("first", items.get("a").orElseThrow().title());
    assertEquals("first", items.get("a").orElseThrow().title());
    assertEquals(1, loads.get(), "the second read comes from the cache");

    write(item("second", 2)); // same update time: the summary is equal but not the same
    assertEquals("second", items.get("a").orElseThrow().title());
    assertEquals(2, loads.get());

    store.remove("a");
    table.remove("a");
    assertEquals(Optional.empty(), items.get("a"));
    assertEquals(Optional.empty(), items.get("missing"));
    assertEquals(2, loads.get(), "an id the table does not hold is not looked up");
  }
}
