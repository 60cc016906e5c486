package io.zhiku.core.kb;

import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.item.KnowledgeItem;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.function.Function;

/**
 * The items read lately ({@link KnowledgeBase#get}, similar items, push), so that the much-read ones
 * (usage is skewed: a few items get most of it) are not read and parsed again on every request. An entry is used only while the {@link ItemTable}
 * still holds the very summary it was loaded under: every write of an item replaces its summary, so a
 * cached item is never older than the table. Bounded by the characters of titles and bodies held
 * ({@value #MAX_CHARS}, about 32 MB), least recently used first out.
 *
 * <p>Thread-safe: a lookup or an insertion holds the cache's lock for a map operation (loading an item from
 * the store happens outside it).
 */
final class RecentItems {
  /** The most title and body characters held. */
  public static final long MAX_CHARS = 16L << 20;

  private final ItemTable table;
  private final Function<String, Optional<KnowledgeItem>> loader;
  private final LinkedHashMap<String, Entry> cache = new LinkedHashMap<>(256, 0.75f, true); // access order: LRU first
  private long chars; // the weight of what the cache holds, guarded by this

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
  private record Entry(ItemSummary summary, KnowledgeItem item) {
    long weight() {
      return 64 + item.title().length() + item.body().length();
    }
  }

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
    Entry e = lookup(id);
    if (e != null && e.summary() == summary) {
      return Optional.of(e.item());
    }
    // Read after the summary: if a write lands in between, the entry is kept under the older summary
    // and is never used.
    Optional<KnowledgeItem> item = loader.apply(id);
    item.ifPresent(i -> store(id, new Entry(summary, i)));
    return item;
  }

  private synchronized Entry lookup(String id) {
    return cache.get(id);
  }

  private synchronized void store(String id, Entry entry) {
    Entry old = cache.put(id, entry);
    chars += entry.weight() - (old == null ? 0 : old.weight());
    for (Iterator<Entry> lru = cache.values().iterator(); chars > MAX_CHARS && lru.hasNext(); ) {
      chars -= lru.next().weight();
      lru.remove();
    }
  }
}
