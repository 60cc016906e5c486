package io.zhiku.core.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of search results: how many readable items match in all (exactly, or at least that many past
 * the request's {@link SearchRequest#totalHitsThreshold()}), the hits of this page, the cursor
 * of the next page, facet counts per concept scheme, and the request itself so that a host can log searches that found nothing (which
 * query, which filters, for whom).
 *
 * @param request the request answered
 * @param totalHits how many items the principal may read match, in all: exact if {@code totalHitsExact},
 *     otherwise a lower bound, at least the request's {@link SearchRequest#totalHitsThreshold()}
 * @param totalHitsExact whether {@code totalHits} is exact; always so below the request's threshold, with
 *     facets (they count every match) and with {@link SearchRequest#exactTotal()}
 * @param hits this page's hits, best first
 * @param nextCursor pass to {@link SearchRequest#after(String)} for the next page, or {@code null} when
 *     this is the last page
 * @param facets for each scheme in {@link SearchRequest#facets()}: its concepts that readable matching
 *     items reach, counts rolled up the hierarchy, largest count first (then by id); concepts with no
 *     item are left out
 */
public record SearchResult(
    SearchRequest request,
    long totalHits,
    boolean totalHitsExact,
    List<SearchHit> hits,
    String nextCursor,
    Map<String, List<FacetCount>> facets) {
  /**
   * Copies.
   *
   * @param request the request answered
   * @param totalHits how many items the principal may read match, in all: exact if {@code totalHitsExact},
   *     otherwise a lower bound, at least the request's {@link SearchRequest#totalHitsThreshold()}
   * @param totalHitsExact whether {@code totalHits} is exact; always so below the request's threshold, with
   *     facets (they count every match) and with {@link SearchRequest#exactTotal()}
   * @param hits this page's hits, best first
   * @param nextCursor pass to {@link SearchRequest#after(String)} for the next page, or {@code null} when
   *     this is the last page
   * @param facets for each scheme in {@link SearchRequest#facets()}: its concepts that readable matching
   *     items reach, counts rolled up the hierarchy, largest count first (then by id); concepts with no
   *     item are left out
   */
  public SearchResult {
    hits = List.copyOf(hits);
    Map<String, List<FacetCount>> copy = new LinkedHashMap<>();
    facets.forEach((scheme, counts) -> copy.put(scheme, List.copyOf(counts)));
    facets = Collections.unmodifiableMap(copy);
  }

  /**
   * Whether the search found nothing, for zero-result reporting.
   *
   * @return {@code true} if no readable item matched (a count of 0 is always exact)
   */
  public boolean zeroResult() {
    return totalHits == 0;
  }
}
