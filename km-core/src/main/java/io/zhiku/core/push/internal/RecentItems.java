package io.zhiku.core.push.internal;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.spi.ItemSummary;
import java.util.Optional;
import java.util.function.Function;

/**
 * The items push loaded lately, so that the much-pushed ones (usage is skewed: a few items get most of
 * it) are not read and parsed again on every push. An entry is used only while the {@link ItemTable}
 * still holds the very summary it was loaded under: every write of an item replaces its summary, so a
 * cached item is never older than the table. Bounded by the characters of titles and bodies held
 * ({@value #MAX_CHARS}, about 32 MB), least recently used first out.
 *
 * <p>Thread-safe.
 */
public final class RecentItems {
  /** The most title and body characters held. */
  public static final long MAX_CHARS = 16L << 20;

  private final ItemTable table;
  private final Function<String, Optional<KnowledgeItem>> loader;
  private final Cache<String, Entry> cache = CacheBuilder.newBuilder()
      .maximumWeight(MAX_CHARS)
      .weigher((String id, Entry e) -> 64 + e.item().title().length() + e.item().body().length())
      .build();

  /**
   * Creates the cache.
   *
   * @param table the item table, written before or with the store
   * @param loader reads an item from the store, real-time
   */
  public RecentItems(ItemTable table, Function<String, Optional<KnowledgeItem>> loader) {
    this.table = table;
    this.loader = loader;
  }

  /** An item and the summary it was loaded under. */
  private record Entry(ItemSummary summary, KnowledgeItem item) {}

  /**
   * A live item, from the cache if its summary has not changed since it was loaded, else from the store.
   *
   * @param id the item's id
   * @return the item, or empty if no live item has the id
   */
  public Optional<KnowledgeItem> get(String id) {
    ItemSummary summary = table.get(id).orElse(null);
    if (summary == null) {
      return Optional.empty();
    }
    Entry e = cache.getIfPresent(id);
    if (e != null && e.summary() == summary) {
      return Optional.of(e.item());
    }
    // Read after the summary: if a write lands in between, the entry is kept under the older summary
    // and is never used.
    Optional<KnowledgeItem> item = loader.apply(id);
    item.ifPresent(i -> cache.put(id, new Entry(summary, i)));
    return item;
  }
}
