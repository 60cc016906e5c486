package io.zhiku.core.spi;

import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.core.search.ScoredItem;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.search.Suggestion;
import io.zhiku.core.taxonomy.Taxonomy;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The storage and search engine behind a {@link io.zhiku.core.kb.KnowledgeBase}: the embedded Lucene
 * engine by default, others (Solr) later. Engines implement this interface; applications use the
 * knowledge base.
 *
 * <p>The knowledge base validates every item, assigns versions, timestamps and sequence numbers, and
 * serialises writes: {@link #apply} is never called concurrently with itself, {@link #refresh} or
 * {@link #commit}. {@link #get} and {@link #search} may be called from any thread at any time.
 *
 * <p>An engine that can be out of reach for a while (a cluster) throws {@link
 * io.zhiku.core.UnavailableException} for that, and {@link io.zhiku.core.ZhikuException} for other
 * failures, so that hosts know what to retry.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #apply} stores each {@link ItemChange.Put}'s item with the version the knowledge base gave
 *       it, the stored version plus one (1 for an item that does not exist), and deletes each {@link
 *       ItemChange.Delete}'s item, whose stored version the change names. An engine with {@link
 *       EngineCapability#ATOMIC_BATCHES} applies a batch all or nothing: after a failure none of it is
 *       visible or committed. An engine with {@link EngineCapability#SHARED} checks, atomically per item,
 *       that the stored version is still the one the change was based on.
 *   <li>{@link #get} is real-time: it sees every applied change, refreshed or not (on a shared engine,
 *       every change any writer applied).
 *   <li>{@link #search} sees the changes applied before the last {@link #refresh}, and only items the
 *       request's principal may read.
 *   <li>{@link #commit} makes every applied change durable, together with the highest sequence number
 *       applied; after a crash, reopening gives exactly the last commit.
 * </ul>
 */
public interface KnowledgeIndex extends AutoCloseable {
  /**
   * What this engine promises beyond what every engine must.
   *
   * @return the capabilities (the embedded Lucene engine: {@link EngineCapability#ATOMIC_BATCHES})
   */
  Set<EngineCapability> capabilities();

  /**
   * Applies a batch of changes: all or nothing with {@link EngineCapability#ATOMIC_BATCHES}, else each
   * change on its own.
   *
   * @param changes the changes, in sequence order, at most one per item id
   * @throws io.zhiku.core.kb.VersionConflictException on a {@link EngineCapability#SHARED} engine, if
   *     another writer changed an item since the change was made (naming the version the change was based
   *     on and the stored one): with atomic batches nothing is applied; without them, only when the batch
   *     holds one change
   * @throws PartialBatchException without atomic batches, if some changes failed: it lists those applied
   * @throws io.zhiku.core.ZhikuException if the engine fails; with atomic batches nothing is applied
   */
  void apply(List<ItemChange> changes);

  /**
   * The changes other writers made to a {@link EngineCapability#SHARED} engine's data that this object
   * has not returned yet: the change feed each knowledge base follows (on every refresh) to keep its item
   * catalog and its change listeners in step with every other instance.
   *
   * <p>Each change is returned once, and never one that was applied through this object or is older, for
   * its item, than one applied or returned before; each item's changes come in the order they were made.
   * Changes become visible here no later than to {@link #search} (the engine says with what lag).
   *
   * @return the changes, in the order to apply them; their sequence numbers are the engine's own positions
   *     (the knowledge base numbers them again). Always empty for an engine that is not shared (the default)
   * @throws io.zhiku.core.ZhikuException if the engine fails; the changes are then returned by a later call
   */
  default List<ItemChange> poll() {
    return List.of();
  }

  /**
   * The current version of an item, including changes not yet refreshed.
   *
   * @param id the item's id
   * @return the item, or empty if it does not exist or was deleted
   */
  Optional<KnowledgeItem> get(String id);

  /**
   * The current versions of several items, as {@link #get} reads them, in one call: a knowledge base on a
   * {@link EngineCapability#SHARED} engine reads a batch's items this way before writing it. The default
   * calls {@link #get} for each; an engine that pays a round trip per read answers in one.
   *
   * @param ids the items' ids
   * @return the items that exist, by id
   */
  default Map<String, KnowledgeItem> getAll(Collection<String> ids) {
    Map<String, KnowledgeItem> out = new HashMap<>();
    for (String id : ids) {
      get(id).ifPresent(item -> out.put(id, item));
    }
    return out;
  }

  /**
   * Searches.
   *
   * @param search the request, with the concept filter expanded
   * @return one page of results, with exact total hits and facet counts, all filtered by the principal's
   *     access
   * @throws io.zhiku.core.ValidationException if the request's text or cursor is invalid
   */
  IndexSearchResult search(IndexSearch search);

  /**
   * Item titles for autocomplete: titles of live items the request's principal may read that start
   * with the prefix, or whose words start with the prefix's words, best first, without duplicates.
   *
   * @param request who is typing and what
   * @param excludedIds items to treat as absent, as {@link IndexSearch#excludedIds()} describes
   * @return at most {@code request.limit()} suggestions of source {@link Suggestion.Source#TITLE}
   */
  List<Suggestion> suggestTitles(SuggestRequest request, Set<String> excludedIds);

  /**
   * Visits the summary of every live (not deleted) item as of the last refresh, in no particular order.
   * The knowledge base calls it once when it opens, to build its in-memory {@link io.zhiku.core.kb.ItemCatalog}
   * (which push checks candidates against); an engine should answer from columns it keeps anyway rather than load every item.
   * On a {@link EngineCapability#SHARED} engine, {@link #poll()} goes on from the state this visited.
   *
   * @param visitor receives each summary, on the calling thread
   */
  void forEachSummary(Consumer<ItemSummary> visitor);

  /**
   * Visits every live (not deleted) item as of the last refresh, whole, in no particular order: for
   * reports that need every item's fields (measurement), not for requests.
   *
   * @param visitor receives each item, on the calling thread
   */
  void forEachItem(Consumer<KnowledgeItem> visitor);

  /**
   * The most recently updated published items the principal may read, without an exact count (engines
   * may stop early), for the item catalog when its in-memory scan gives up.
   *
   * @param principal who
   * @param concepts concept ids, already expanded with their descendants; empty for all items
   * @param limit how many at most
   * @return item ids, newest first (ties by id), each with its update time in epoch milliseconds as its score
   */
  List<ScoredItem> newest(Principal principal, Set<String> concepts, int limit);

  /**
   * Items whose text is like a text (MoreLikeThis or the engine's equivalent, over the same analysis as
   * search), among those the principal may read.
   *
   * @param principal who
   * @param text the text
   * @param limit how many at most
   * @param excludedIds items to treat as absent, as {@link IndexSearch#excludedIds()} describes
   * @return item ids with similarity scores, best first
   */
  List<ScoredItem> similar(Principal principal, String text, int limit, Set<String> excludedIds);

  /**
   * Stores the taxonomy with the items, replacing the one stored before. Like an applied change, it
   * becomes durable with the next {@link #commit()}, atomically with the item changes committed there:
   * after a crash, the reopened engine holds the taxonomy and the items of one and the same commit.
   *
   * @param taxonomy the taxonomy
   * @throws io.zhiku.core.ZhikuException if the engine fails; the stored taxonomy is then unchanged
   */
  void putTaxonomy(Taxonomy taxonomy);

  /**
   * The taxonomy last stored: by {@link #putTaxonomy} since the engine opened, or else in the commit it
   * opened.
   *
   * @return the taxonomy, or empty if none was ever stored
   * @throws io.zhiku.core.ZhikuException if the stored taxonomy cannot be read
   */
  Optional<Taxonomy> storedTaxonomy();

  /**
   * For a {@linkplain EngineCapability#SHARED shared} engine: the taxonomy another instance stored since
   * this object last stored, read or handed one on. The knowledge base asks at every refresh, after {@link
   * #poll()}, and puts it in use, so that every instance classifies, expands and counts with the same
   * taxonomy within a refresh interval.
   *
   * @return the newer taxonomy, or empty; always empty by default (an engine used by one knowledge base)
   */
  default Optional<Taxonomy> pollTaxonomy() {
    return Optional.empty();
  }

  /** Makes applied changes visible to {@link #search}. */
  void refresh();

  /** Makes applied changes durable, with the highest sequence number applied. */
  void commit();

  /**
   * The highest sequence number applied, committed or not (0 for a new index). On a {@link
   * EngineCapability#SHARED} engine, sequence numbers are each knowledge base's own count of the changes
   * it applied and followed; such an engine may answer 0 when it opens, and the count starts again.
   *
   * @return the sequence number
   */
  long lastSequence();

  /**
   * The highest sequence number in the last commit (0 if never committed).
   *
   * @return the sequence number
   */
  long committedSequence();

  /** Releases the engine's resources, without committing; the knowledge base commits first. */
  @Override
  void close();
}
