package io.zhiku.core.kb;

import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.search.ScoredItem;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.taxonomy.Taxonomy;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The live items of a {@link KnowledgeBase} as a real-time catalog of {@link ItemSummary summaries}
 * held in memory: what a recommender (km-push, or a host's own) checks thousands of candidates against
 * without a query to the engine. Obtained from {@link KnowledgeBase#catalog()}.
 *
 * <p>Real-time, like {@link KnowledgeBase#get}: a write is in the catalog once it returns, and an item
 * deleted or re-stored with an ACL that no longer lets a principal read it is gone from that principal's
 * answers at once. Concept conditions include each concept's descendants in the current taxonomy.
 *
 * <p>Thread-safe; reads never wait for writes. After the knowledge base is closed every method throws
 * {@link ZhikuException}.
 */
public final class ItemCatalog {
  /** The most ids {@link #readable} checks in one call. */
  public static final int MAX_IDS = 100_000;
  /** The most items {@link #newest} returns. */
  public static final int MAX_NEWEST = 10_000;
  /** The most items {@link #similar} returns. */
  public static final int MAX_SIMILAR = 1_000;

  private final ItemTable table;
  private final KnowledgeIndex index;
  private final Supplier<Taxonomy> taxonomy;
  private final Function<Principal, Set<String>> hiddenFrom;
  private final Runnable ensureOpen;

  /**
   * @param hiddenFrom the items the engine must leave out of a principal's answers (revoked since its
   *     last refresh)
   */
  ItemCatalog(ItemTable table, KnowledgeIndex index, Supplier<Taxonomy> taxonomy, Function<Principal, Set<String>> hiddenFrom,
      Runnable ensureOpen) {
    this.table = table;
    this.index = index;
    this.taxonomy = taxonomy;
    this.hiddenFrom = hiddenFrom;
    this.ensureOpen = ensureOpen;
  }

  /**
   * A live item's summary: the host's own view, with no access rule applied.
   *
   * @param id the item's id
   * @return the summary, or empty if no live item has the id
   * @throws ValidationException if the id is not a valid id
   */
  public Optional<ItemSummary> summary(String id) {
    Checks.id("id", id);
    ensureOpen.run();
    return table.get(id);
  }

  /**
   * How many live items there are.
   *
   * @return the count: the host's own view, with no access rule applied
   */
  public int size() {
    ensureOpen.run();
    return table.size();
  }

  /**
   * Which of the given items are live, readable by the principal and, if concepts are given, classified
   * under one of them (or a descendant).
   *
   * @param principal who
   * @param ids the ids to check, at most {@value #MAX_IDS}
   * @param concepts concept ids, or empty for no condition
   * @return the readable ids among those given
   * @throws ValidationException if an argument is missing or there are too many ids
   */
  public Set<String> readable(Principal principal, Collection<String> ids, Set<String> concepts) {
    Checks.present("principal", principal);
    Checks.count("ItemCatalog.readable ids", Checks.present("ids", ids).size(), MAX_IDS);
    Checks.present("concepts", concepts);
    ensureOpen.run();
    return table.visible(principal, ids, expand(concepts));
  }

  /**
   * The most recently updated published items the principal may read, classified under one of the
   * concepts (or a descendant) if any are given. Answered from memory when the newest few thousand
   * items hold enough of them, else by the engine as of its last refresh (still without any item the
   * principal may no longer read).
   *
   * @param principal who
   * @param concepts concept ids, or empty for all items
   * @param limit how many at most, 1 to {@value #MAX_NEWEST}
   * @return item ids, newest first (ties by id), each scored by its update time in epoch milliseconds
   * @throws ValidationException if an argument is missing or the limit is out of range
   */
  public List<ScoredItem> newest(Principal principal, Set<String> concepts, int limit) {
    Checks.present("principal", principal);
    Checks.present("concepts", concepts);
    if (limit < 1 || limit > MAX_NEWEST) {
      throw new ValidationException("limit", limit, "must be between 1 and " + MAX_NEWEST);
    }
    ensureOpen.run();
    Set<String> expanded = expand(concepts);
    Optional<List<ScoredItem>> fromMemory = table.newest(principal, expanded, limit);
    if (fromMemory.isPresent()) {
      return fromMemory.get();
    }
    List<ScoredItem> found = index.newest(principal, expanded, limit);
    Set<String> stillReadable = table.visible(principal, found.stream().map(ScoredItem::itemId).toList(), expanded);
    return found.stream().filter(s -> stillReadable.contains(s.itemId())
        && table.get(s.itemId()).map(i -> i.status() == ItemStatus.PUBLISHED).orElse(false)).toList();
  }

  /**
   * Items whose text is like a text, which the principal may read: ids and scores only, for a recommender
   * that loads few of them (the whole items, as {@link KnowledgeBase#similarToText} gives them, cost a
   * read each). Sees items as of the last refresh, without any the principal may no longer read.
   *
   * @param principal who
   * @param text the text, not blank, at most {@value WorkContext#MAX_TEXT_CHARS} characters
   * @param limit how many at most, 1 to {@value #MAX_SIMILAR}
   * @return item ids with similarity scores, most similar first
   * @throws ValidationException if an argument is missing, the text is blank or too long, or the limit is
   *     out of range
   */
  public List<ScoredItem> similar(Principal principal, String text, int limit) {
    Checks.present("principal", principal);
    Checks.workText("text", text);
    if (limit < 1 || limit > MAX_SIMILAR) {
      throw new ValidationException("limit", limit, "must be between 1 and " + MAX_SIMILAR);
    }
    ensureOpen.run();
    return index.similar(principal, text, limit, hiddenFrom.apply(principal));
  }

  private Set<String> expand(Set<String> concepts) {
    if (concepts.isEmpty()) {
      return Set.of();
    }
    Taxonomy t = taxonomy.get();
    Set<String> expanded = new HashSet<>();
    concepts.forEach(c -> expanded.addAll(TaxonomyState.withDescendants(t, c)));
    return expanded;
  }
}
