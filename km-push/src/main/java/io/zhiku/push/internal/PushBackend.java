package io.zhiku.push.internal;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.search.ScoredItem;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.taxonomy.Taxonomy;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** What push needs of the knowledge base, through its public API (see {@code KnowledgePush}). Thread-safe. */
interface PushBackend {
  /** @return the current taxonomy snapshot */
  Taxonomy taxonomy();

  /** @return now, from the knowledge base's clock */
  Instant now();

  /**
   * Searches without recording a search event.
   *
   * @param request the request
   * @return the result
   */
  SearchResult search(SearchRequest request);

  /**
   * The stored item, real-time, with no access check.
   *
   * @param id the id
   * @return the item or empty
   */
  Optional<KnowledgeItem> get(String id);

  /**
   * The in-memory summary of a live item, real-time, with no access check.
   *
   * @param id the id
   * @return the summary or empty
   */
  Optional<ItemSummary> summary(String id);

  /**
   * The ids among the given ones of live items the principal may read, classified under one of the
   * concepts (with descendants) if any are given.
   *
   * @param principal who
   * @param ids the ids
   * @param concepts concept ids, or empty for no concept condition
   * @return the visible ids
   */
  Set<String> visible(Principal principal, Collection<String> ids, Set<String> concepts);

  /**
   * The most recently updated published items the principal may read.
   *
   * @param principal who
   * @param concepts concept ids (expanded with descendants by the implementation), or empty for all
   * @param limit how many
   * @return ids with their update time in epoch milliseconds as the score, newest first
   */
  List<ScoredItem> newest(Principal principal, Set<String> concepts, int limit);

  /**
   * Items like a text that the principal may read.
   *
   * @param principal who
   * @param text the text
   * @param limit how many
   * @return ids and scores, best first
   */
  List<ScoredItem> similar(Principal principal, String text, int limit);

  /**
   * Scans stored events (as of the last refresh).
   *
   * @param query which
   * @param visitor receives rows
   */
  void scanEvents(EventQuery query, Consumer<EventRow> visitor);

  /**
   * Counts stored events (as of the last refresh).
   *
   * @param query which events
   * @return how many
   */
  long countEvents(EventQuery query);

  /**
   * A person's events about items that scans do not see yet.
   *
   * @param userId the person
   * @return the events with their sequence numbers, oldest first
   */
  List<PendingEvents.Pending> unrefreshedEvents(String userId);

  /**
   * Records events (push-shown).
   *
   * @param events the events
   */
  void record(List<UsageEvent> events);
}
