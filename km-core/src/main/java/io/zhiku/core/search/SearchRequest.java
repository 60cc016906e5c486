package io.zhiku.core.search;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.AttributeValue;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.ItemLimits;
import io.zhiku.core.item.ItemStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A search: who asks, what they typed, and structured filters set by the host. Only items the
 * principal may read ({@link io.zhiku.core.access.Acl#permits}) are ever counted or returned.
 *
 * <p>The text uses a small, forgiving syntax: words (any of them, best matches first), {@code "quoted
 * phrases"}, {@code +must} and {@code -mustNot}; {@code OR} is the default. There is no field syntax: typed
 * text cannot address fields or the access filter. Empty text browses: every readable item that
 * passes the filters.
 *
 * <p>Ranking: BM25 over the title, the body (half the title's weight) and the text's characters (the
 * heaviest, which is what matches Chinese questions best), times a freshness factor (×1.2 for an item
 * updated just now, ×1.1 after 180 days, about ×1 for old items), ×1.1 for a verified item, and a
 * popularity factor from the item's recent uses across the organisation ({@code 1 + 0.3 × uses / (uses
 * + 10)}, uses decayed with push's half-life: ×1.15 at 10 uses, never above ×1.3), read from a snapshot
 * of usage at most 30 seconds old. Freshness is measured at the time of a search's first page for all
 * its pages; a later page may see a newer usage snapshot, so an item may move by new use between
 * pages, as it may by new writes.
 *
 * <p>With an embedder ({@link io.zhiku.core.kb.KnowledgeBaseBuilder#embedder}), each hit's score is
 * also multiplied by {@code exp(8 × cos)}, {@code cos} being the cosine similarity of the item's and the
 * text's embeddings: between two hits whose similarities differ by 0.1, ×2.2. On the embedded engine
 * meaning re-ranks the best 200 matches by words and the ranking factor (twenty pages of ten); pages past
 * them go on in the words' order, with scores below any of the first 200. The embedded engine also
 * adds up to 10 items nearest the text by meaning among those the principal may read and the filters
 * admit, so that a paraphrase sharing no word with the text is found; none farther in meaning than the
 * best word match joins (with no word match, the 10 nearest do). The nearest counts as a word match of
 * 0.75 of the best word score before the meaning factor, the others less as their similarity falls.
 * They count in the total and the facets like any hit. The newest-first order ignores meaning: only the
 * words match there.
 *
 * <p>Filters combine with AND; values within one filter with OR. A concept filter includes the
 * concept's descendants in the taxonomy. A value: immutable and thread-safe.
 *
 * @param principal who is searching
 * @param text what they typed, at most {@value #MAX_TEXT_CHARS} characters (code points), checked when the
 *     request is built; empty to browse. Any text within that length searches: one past the engine's
 *     budget for typed queries (the embedded engine: 64 words or phrases, 512 terms after analysis — a
 *     long question, a pasted case) is searched as a description, by its most distinctive terms, and its
 *     {@code +}, {@code -} and quotes then count as plain text
 * @param concepts concept ids; an item must be classified under each of them or their descendants
 * @param kinds item kinds; empty for any
 * @param statuses lifecycle statuses; empty for any
 * @param authors author user ids; empty for any
 * @param tags tags (exact); empty for any
 * @param attributes text attributes that must have exactly these values
 * @param updatedFrom only items updated at or after this instant, or {@code null}
 * @param updatedBefore only items updated before this instant, or {@code null}
 * @param pageSize how many hits per page, 1 to {@value #MAX_PAGE_SIZE}
 * @param after the {@link SearchResult#nextCursor()} of the previous page, or {@code null} for the first
 * @param facets ids of the concept schemes to count facets for; empty for none
 * @param order how hits are ordered: {@link Order#RELEVANCE} (the default) or {@link Order#NEWEST}
 * @param context the work context the search is made in, recorded with its search event; or {@code
 *     null}. Its principal must be the request's.
 * @param totalHitsThreshold up to how many matches {@link SearchResult#totalHits()} counts exactly, at least
 *     1 ({@value #DEFAULT_TOTAL_HITS_THRESHOLD} by default, {@link Integer#MAX_VALUE} for an exact count
 *     always); past it the total may be a lower bound ({@link SearchResult#totalHitsExact()}), which lets the
 *     engine skip matches that cannot reach the page
 */
public record SearchRequest(
    Principal principal,
    String text,
    Set<String> concepts,
    Set<ItemKind> kinds,
    Set<ItemStatus> statuses,
    Set<String> authors,
    Set<String> tags,
    Map<String, String> attributes,
    Instant updatedFrom,
    Instant updatedBefore,
    int pageSize,
    String after,
    Set<String> facets,
    Order order,
    WorkContext context,
    int totalHitsThreshold) {
  /** The largest page. */
  public static final int MAX_PAGE_SIZE = 1000;
  /** The most values in one filter. */
  public static final int MAX_FILTER_VALUES = 256;
  /** The longest text, in characters (code points). */
  public static final int MAX_TEXT_CHARS = 1000;
  /**
   * Up to how many matches a search counts exactly unless told otherwise: Lucene's own default, enough for
   * "1–1,000 results" and for every page a person pages through; past it a total says "at least".
   */
  public static final int DEFAULT_TOTAL_HITS_THRESHOLD = 1000;

  /**
   * Validates and copies.
   *
   * @param principal who is searching
   * @param text what they typed, at most {@value #MAX_TEXT_CHARS} characters (code points), checked when the
   *     request is built; empty to browse. Any text within that length searches: one past the engine's
   *     budget for typed queries (the embedded engine: 64 words or phrases, 512 terms after analysis — a
   *     long question, a pasted case) is searched as a description, by its most distinctive terms, and its
   *     {@code +}, {@code -} and quotes then count as plain text
   * @param concepts concept ids; an item must be classified under each of them or their descendants
   * @param kinds item kinds; empty for any
   * @param statuses lifecycle statuses; empty for any
   * @param authors author user ids; empty for any
   * @param tags tags (exact); empty for any
   * @param attributes text attributes that must have exactly these values
   * @param updatedFrom only items updated at or after this instant, or {@code null}
   * @param updatedBefore only items updated before this instant, or {@code null}
   * @param pageSize how many hits per page, 1 to {@value #MAX_PAGE_SIZE}
   * @param after the {@link SearchResult#nextCursor()} of the previous page, or {@code null} for the first
   * @param facets ids of the concept schemes to count facets for; empty for none
   * @param order how hits are ordered: {@link Order#RELEVANCE} (the default) or {@link Order#NEWEST}
   * @param context the work context the search is made in, recorded with its search event; or {@code
   *     null}. Its principal must be the request's.
   * @param totalHitsThreshold up to how many matches {@link SearchResult#totalHits()} counts exactly, at
   *     least 1 ({@link Integer#MAX_VALUE} for an exact count always)
   * @throws ValidationException if a part is missing, malformed or over its limit
   */
  public SearchRequest {
    Checks.present("SearchRequest.principal", principal);
    text = text == null ? "" : text;
    // The cheapest limit first: nothing else (synonyms, analysis) may run on a text over it.
    if (text.length() > MAX_TEXT_CHARS) {
      int chars = text.codePointCount(0, text.length());
      if (chars > MAX_TEXT_CHARS) {
        throw new ValidationException("SearchRequest.text", text, "is " + chars + " characters, over the limit of " + MAX_TEXT_CHARS);
      }
    }
    concepts = Checks.ids("SearchRequest.concepts", concepts, MAX_FILTER_VALUES);
    kinds = Checks.set("SearchRequest.kinds", kinds, MAX_FILTER_VALUES);
    statuses = Checks.set("SearchRequest.statuses", statuses, MAX_FILTER_VALUES);
    authors = Checks.ids("SearchRequest.authors", authors, MAX_FILTER_VALUES);
    tags = Checks.lines("SearchRequest.tags", tags, MAX_FILTER_VALUES, ItemLimits.MAX_TAG_CHARS);
    Map<String, String> attrs = new LinkedHashMap<>();
    Checks.map("SearchRequest.attributes", attributes, MAX_FILTER_VALUES).forEach((k, v) ->
        attrs.put(Checks.key("SearchRequest.attributes", k), Checks.line("SearchRequest.attributes[" + k + "]", v, AttributeValue.MAX_TEXT_CHARS)));
    attributes = Map.copyOf(attrs);
    Checks.optionalInstant("SearchRequest.updatedFrom", updatedFrom);
    Checks.optionalInstant("SearchRequest.updatedBefore", updatedBefore);
    if (updatedFrom != null && updatedBefore != null && !updatedFrom.isBefore(updatedBefore)) {
      throw new ValidationException("SearchRequest.updatedBefore", updatedBefore, "must be after updatedFrom " + updatedFrom);
    }
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new ValidationException("SearchRequest.pageSize", pageSize, "must be between 1 and " + MAX_PAGE_SIZE);
    }
    after = Checks.optionalLine("SearchRequest.after", after, 4096);
    facets = Checks.ids("SearchRequest.facets", facets, MAX_FILTER_VALUES);
    order = order == null ? Order.RELEVANCE : order;
    if (context != null && !context.principal().equals(principal)) {
      throw new ValidationException("SearchRequest.context", context.principal().userId(),
          "the context's principal must be the request's principal " + principal.userId());
    }
    if (totalHitsThreshold < 1) {
      throw new ValidationException("SearchRequest.totalHitsThreshold", totalHitsThreshold, "must be at least 1");
    }
  }

  /**
   * Whether this search counts every match: its threshold is {@link Integer#MAX_VALUE}.
   *
   * @return {@code true} if {@link SearchResult#totalHits()} is always exact for this request
   */
  public boolean exactTotal() {
    return totalHitsThreshold == Integer.MAX_VALUE;
  }

  /** How hits are ordered. */
  public enum Order {
    /** Best match first (see the ranking above); ties by item id. */
    RELEVANCE,
    /** Most recently updated first, whatever the text matched; ties by item id. */
    NEWEST
  }

  /**
   * Starts a search for a principal.
   *
   * @param principal who is searching
   * @return a builder
   */
  public static Builder builder(Principal principal) {
    return new Builder(principal);
  }

  /**
   * The same search, for the page after the given cursor.
   *
   * @param cursor a {@link SearchResult#nextCursor()}
   * @return the request for the next page
   */
  public SearchRequest after(String cursor) {
    return new SearchRequest(principal, text, concepts, kinds, statuses, authors, tags, attributes, updatedFrom,
        updatedBefore, pageSize, cursor, facets, order, context, totalHitsThreshold);
  }

  /** Builds {@link SearchRequest}s. Not thread-safe. */
  public static final class Builder {
    private final Principal principal;
    private String text = "";
    private final Set<String> concepts = new LinkedHashSet<>();
    private final Set<ItemKind> kinds = new LinkedHashSet<>();
    private final Set<ItemStatus> statuses = new LinkedHashSet<>();
    private final Set<String> authors = new LinkedHashSet<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private Instant updatedFrom;
    private Instant updatedBefore;
    private int pageSize = 10;
    private String after;
    private final Set<String> facets = new LinkedHashSet<>();
    private Order order = Order.RELEVANCE;
    private WorkContext context;
    private int totalHitsThreshold = DEFAULT_TOTAL_HITS_THRESHOLD;

    private Builder(Principal principal) {
      this.principal = principal;
    }

    /**
     * @param text what the person typed
     * @return this builder
     */
    public Builder text(String text) {
      this.text = text;
      return this;
    }

    /**
     * @param conceptIds concepts the item must be under (each, with descendants)
     * @return this builder
     */
    public Builder concepts(String... conceptIds) {
      concepts.addAll(List.of(conceptIds));
      return this;
    }

    /**
     * @param values kinds to allow
     * @return this builder
     */
    public Builder kinds(ItemKind... values) {
      kinds.addAll(List.of(values));
      return this;
    }

    /**
     * @param values statuses to allow
     * @return this builder
     */
    public Builder statuses(ItemStatus... values) {
      statuses.addAll(List.of(values));
      return this;
    }

    /**
     * @param userIds authors to allow
     * @return this builder
     */
    public Builder authors(String... userIds) {
      authors.addAll(List.of(userIds));
      return this;
    }

    /**
     * @param values tags to allow
     * @return this builder
     */
    public Builder tags(String... values) {
      tags.addAll(List.of(values));
      return this;
    }

    /**
     * Requires a text attribute value.
     *
     * @param key the attribute key
     * @param value the exact value
     * @return this builder
     */
    public Builder attribute(String key, String value) {
      attributes.put(key, value);
      return this;
    }

    /**
     * Limits the update time.
     *
     * @param from inclusive lower bound, or {@code null}
     * @param before exclusive upper bound, or {@code null}
     * @return this builder
     */
    public Builder updated(Instant from, Instant before) {
      this.updatedFrom = from;
      this.updatedBefore = before;
      return this;
    }

    /**
     * @param size hits per page
     * @return this builder
     */
    public Builder pageSize(int size) {
      this.pageSize = size;
      return this;
    }

    /**
     * @param cursor the previous page's next cursor
     * @return this builder
     */
    public Builder after(String cursor) {
      this.after = cursor;
      return this;
    }

    /**
     * @param schemeIds concept schemes to count facets for
     * @return this builder
     */
    public Builder facets(String... schemeIds) {
      facets.addAll(List.of(schemeIds));
      return this;
    }

    /**
     * @param value how hits are ordered
     * @return this builder
     */
    public Builder order(Order value) {
      this.order = Checks.present("order", value);
      return this;
    }

    /**
     * @param workContext the work context the search is made in (recorded with the search event)
     * @return this builder
     */
    public Builder context(WorkContext workContext) {
      this.context = workContext;
      return this;
    }

    /**
     * Counts exactly up to this many matches; past it the total may be a lower bound. The default is
     * {@value SearchRequest#DEFAULT_TOTAL_HITS_THRESHOLD}.
     *
     * @param threshold at least 1
     * @return this builder
     */
    public Builder totalHitsThreshold(int threshold) {
      this.totalHitsThreshold = threshold;
      return this;
    }

    /**
     * Counts every match, however many ({@link #totalHitsThreshold} of {@link Integer#MAX_VALUE}): the total
     * is then always exact, and the search visits every match.
     *
     * @return this builder
     */
    public Builder exactTotal() {
      return totalHitsThreshold(Integer.MAX_VALUE);
    }

    /**
     * Validates and builds.
     *
     * @return the request
     * @throws ValidationException if a part is invalid
     */
    public SearchRequest build() {
      return new SearchRequest(principal, text, concepts, kinds, statuses, authors, tags, attributes, updatedFrom,
          updatedBefore, pageSize, after, facets, order, context, totalHitsThreshold);
    }
  }
}
