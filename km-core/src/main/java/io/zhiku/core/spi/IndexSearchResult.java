package io.zhiku.core.spi;

import io.zhiku.core.search.SearchHit;
import java.util.List;
import java.util.Map;

/**
 * What an engine answers to an {@link IndexSearch}; the knowledge base turns it into a {@link
 * io.zhiku.core.search.SearchResult}.
 *
 * @param totalHits how many readable items match: exactly if {@code totalHitsExact}, otherwise a lower bound
 *     of at least the request's {@link io.zhiku.core.search.SearchRequest#totalHitsThreshold()} (an engine may
 *     also count exactly past it)
 * @param totalHitsExact whether {@code totalHits} is exact; it must be when facets are counted
 * @param hits the page's hits, best first
 * @param nextCursor the cursor of the next page, or {@code null} on the last page
 * @param facetCounts for each facet key of {@link IndexSearch#facetRollup()}, how many readable matching
 *     items reach it (each item once per key); keys with no item may be absent
 */
public record IndexSearchResult(long totalHits, boolean totalHitsExact, List<SearchHit> hits, String nextCursor, Map<String, Long> facetCounts) {
  /**
   * Copies.
   *
   * @param totalHits how many readable items match: exactly if {@code totalHitsExact}, otherwise a lower bound
 *     of at least the request's {@link io.zhiku.core.search.SearchRequest#totalHitsThreshold()} (an engine may
 *     also count exactly past it)
 * @param totalHitsExact whether {@code totalHits} is exact; it must be when facets are counted
   * @param hits the page's hits, best first
   * @param nextCursor the cursor of the next page, or {@code null} on the last page
   * @param facetCounts for each facet key of {@link IndexSearch#facetRollup()}, how many readable matching
   *     items reach it (each item once per key); keys with no item may be absent
   */
  public IndexSearchResult {
    hits = List.copyOf(hits);
    facetCounts = Map.copyOf(facetCounts);
  }
}
