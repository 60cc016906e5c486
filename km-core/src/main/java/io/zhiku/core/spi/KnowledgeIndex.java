package io.zhiku.core.spi;

import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.core.search.ScoredItem;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.search.Suggestion;
import io.zhiku.core.taxonomy.Taxonomy;
import java.util.List;
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
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #apply} is all or nothing: after a failure none of the batch is visible or committed.
 *   <li>{@link #get} is real-time: it sees every applied change, refreshed or not.
 *   <li>{@link #search} sees the changes applied before the last {@link #refresh}, and only items the
 *       request's principal may read.
 *   <li>{@link #commit} makes every applied change durable, together with the highest sequence number
 *       applied; after a crash, reopening gives exactly the last commit.
 * </ul>
 */
public interface KnowledgeIndex extends AutoCloseable {
  /**
   * Applies a batch of changes, atomically.
   *
   * @param changes the changes, in sequence order, at most one per item id
   * @throws io.zhiku.core.ZhikuException if the engine fails; nothing of the batch is applied
   */
  void apply(List<ItemChange> changes);

  /**
   * The current version of an item, including changes not yet refreshed.
   *
   * @param id the item's id
   * @return the item, or empty if it does not exist or was deleted
   */
  Optional<KnowledgeItem> get(String id);

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

  /** Makes applied changes visible to {@link #search}. */
  void refresh();

  /** Makes applied changes durable, with the highest sequence number applied. */
  void commit();

  /**
   * The highest sequence number applied, committed or not (0 for a new index).
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
