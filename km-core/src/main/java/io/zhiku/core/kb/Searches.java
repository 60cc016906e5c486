package io.zhiku.core.kb;

import io.zhiku.core.NotFoundException;
import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.search.FacetCount;
import io.zhiku.core.search.ScoredItem;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.search.SimilarItem;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.search.Suggestion;
import io.zhiku.core.spi.IndexSearch;
import io.zhiku.core.spi.IndexSearchResult;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.taxonomy.Taxonomy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base's reads for a principal: search (taxonomy filters and roll-ups, synonyms, the
 * popularity boost, facets, recording the search), similar items and suggestions; each leaves out the
 * items revoked since the engine's last refresh. Never takes a lock. Thread-safe.
 */
final class Searches {
  private static final Logger LOG = LoggerFactory.getLogger(Searches.class);

  private final KnowledgeIndex index;
  private final AtomicReference<TaxonomyState> taxonomy;
  private final UsagePopularity popularity;
  private final Revocations revocations;
  private final ItemTable table;
  private final RecentItems recentItems;
  private final Clock clock;
  /** Records the search events a search makes. */
  private final Consumer<UsageEvent> recorder;

  Searches(KnowledgeIndex index, AtomicReference<TaxonomyState> taxonomy, UsagePopularity popularity, Revocations revocations,
      ItemTable table, RecentItems recentItems, Clock clock, Consumer<UsageEvent> recorder) {
    this.index = index;
    this.taxonomy = taxonomy;
    this.popularity = popularity;
    this.revocations = revocations;
    this.table = table;
    this.recentItems = recentItems;
    this.clock = clock;
    this.recorder = recorder;
  }

  /** Searches (see {@link KnowledgeBase#search}); records a first page with text if {@code record}. */
  SearchResult search(SearchRequest request, boolean record) {
    TaxonomyState state = taxonomy.get();
    Taxonomy t = state.taxonomy();
    List<Set<String>> groups = new ArrayList<>();
    for (String concept : request.concepts()) {
      if (!t.contains(concept)) {
        throw new ValidationException("SearchRequest.concepts", concept, "is not a concept of the taxonomy");
      }
      groups.add(TaxonomyState.withDescendants(t, concept));
    }
    for (String scheme : request.facets()) {
      if (t.scheme(scheme).isEmpty()) {
        throw new ValidationException("SearchRequest.facets", scheme, "is not a concept scheme of the taxonomy");
      }
    }
    Instant now = clock.instant();
    IndexSearchResult found = index.search(new IndexSearch(request, groups, state.rollup(request.facets()),
        TaxonomyState.synonyms(t, request.text()), now, popularity.at(now.toEpochMilli()), hiddenFrom(request.principal())));
    Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
    for (String scheme : request.facets()) {
      List<FacetCount> counts = new ArrayList<>();
      String prefix = scheme + TaxonomyState.FACET_KEY_SEPARATOR;
      found.facetCounts().forEach((key, count) -> {
        if (key.startsWith(prefix) && count > 0) {
          counts.add(new FacetCount(key.substring(prefix.length()), count));
        }
      });
      counts.sort(Comparator.comparingLong(FacetCount::count).reversed().thenComparing(FacetCount::conceptId));
      facets.put(scheme, counts);
    }
    SearchResult result = new SearchResult(request, found.totalHits(), found.totalHitsExact(), found.hits(), found.nextCursor(), facets);
    if (record && request.after() == null && !request.text().isBlank()) {
      UsageEvent e = UsageEvent.builder(UsageEventType.SEARCH, clock.instant(), request.principal()).context(request.context())
          .query(firstLine(request.text()), (int) Math.min(Integer.MAX_VALUE, found.totalHits())).build();
      try {
        recorder.accept(e);
      } catch (RuntimeException failure) {
        LOG.warn("could not record a {} event; the host's call goes on", e.type(), failure);
      }
    }
    return result;
  }

  /**
   * The items the engine must leave out of an answer for a principal: those deleted, or re-stored with an
   * ACL that no longer lets the principal read them, since the engine's last refresh. The engine still
   * holds their old version until then; revoked access is immediate, granted access waits for the refresh.
   */
  Set<String> hiddenFrom(Principal principal) {
    return revocations.hiddenFrom(principal, table::get);
  }

  /** A query as an event carries it: one line, at most {@link UsageEvent#MAX_QUERY_CHARS} characters. */
  private static String firstLine(String text) {
    String line = Checks.stripControls(text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ')).strip();
    return line.length() <= UsageEvent.MAX_QUERY_CHARS ? line : line.substring(0, UsageEvent.MAX_QUERY_CHARS);
  }

  /** Items like a readable item (see {@link KnowledgeBase#similarTo}). */
  List<SimilarItem> similarTo(Principal principal, String itemId, int limit) {
    KnowledgeItem item = recentItems.get(itemId).filter(i -> i.acl().permits(principal))
        .orElseThrow(() -> new NotFoundException("item", itemId));
    String text = item.title() + "\n" + item.body() + "\n" + String.join("\n", item.tags());
    // The item itself is left out of the engine's search, not dropped from its answer: with an embedder, the
    // best word match sets how near in meaning a neighbour must be, and the item itself would always be it.
    return similarToText(principal, text, limit, itemId);
  }

  /**
   * Items like a text (see {@link KnowledgeBase#similarToText}), {@code excludedItemId} (if not {@code
   * null}) left out of the engine's search.
   */
  List<SimilarItem> similarToText(Principal principal, String text, int limit, String excludedItemId) {
    Set<String> excluded = hiddenFrom(principal);
    if (excludedItemId != null) {
      excluded = new HashSet<>(excluded);
      excluded.add(excludedItemId);
    }
    return similarItems(principal, index.similar(principal, text, limit, excluded), excludedItemId, limit);
  }

  /** The readable items of the engine's answer, as they stand now, without the one excluded (if any). */
  private List<SimilarItem> similarItems(Principal principal, List<ScoredItem> found, String excluded, int limit) {
    List<SimilarItem> out = new ArrayList<>(Math.min(limit, found.size()));
    for (ScoredItem s : found) {
      if (out.size() < limit && !s.itemId().equals(excluded)) {
        recentItems.get(s.itemId()).filter(i -> i.acl().permits(principal)).ifPresent(i -> out.add(new SimilarItem(i, s.score())));
      }
    }
    return out;
  }

  /** Autocomplete (see {@link KnowledgeBase#suggest}). */
  List<Suggestion> suggest(SuggestRequest request) {
    return taxonomy.get().suggest(request, index, hiddenFrom(request.principal()), clock.instant());
  }
}
