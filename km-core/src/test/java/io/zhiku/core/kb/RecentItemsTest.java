package io.zhiku.core.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zhiku.core.access.Acl;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.item.KnowledgeItem;
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
    return item("a", title, "", version);
  }

  private static KnowledgeItem item(String id, String title, String body, long version) {
    Instant t = Instant.parse("2026-11-01T00:00:00Z");
    return KnowledgeItem.builder(id, ItemKind.SOLUTION, title).body(body).acl(Acl.PUBLIC).stored(t, t, version).build();
  }

  @Test
  void holdsAtMostMaxChars_leastRecentlyUsedLeavesFirst() {
    String body = "x".repeat(1 << 20); // 1 Mi characters: 16 such items fill the cache
    int n = (int) (RecentItems.MAX_CHARS / body.length()) + 4;
    for (int i = 0; i < n; i++) {
      write(item("i" + i, "t", body, 1));
    }
    items.get("i0");
    for (int i = 1; i < n; i++) {
      items.get("i" + i);
      items.get("i0"); // kept recently used: never evicted
    }
    int loaded = loads.get();
    assertEquals(n, loaded, "each item loaded once so far");
    items.get("i0");
    items.get("i" + (n - 1));
    assertEquals(loaded, loads.get(), "the most recently used items are still held");
    items.get("i1");
    assertEquals(loaded + 1, loads.get(), "the least recently used item was evicted to stay under the bound");
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
