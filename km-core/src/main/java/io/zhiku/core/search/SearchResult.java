package io.zhiku.core.search;

import java.util.List;

/**
 * One page of search results: how many readable items match in all, the hits of this page, the cursor
 * of the next page, and the request itself so that a host can log searches that found nothing (which
 * query, which filters, for whom).
 *
 * @param request the request answered
 * @param totalHits how many items the principal may read match, in all (exact)
 * @param hits this page's hits, best first
 * @param nextCursor pass to {@link SearchRequest#after(String)} for the next page, or {@code null} when
 *     this is the last page
 */
public record SearchResult(SearchRequest request, long totalHits, List<SearchHit> hits, String nextCursor) {
  /** Copies. */
  public SearchResult {
    hits = List.copyOf(hits);
  }

  /**
   * Whether the search found nothing, for zero-result reporting.
   *
   * @return {@code true} if no readable item matched
   */
  public boolean zeroResult() {
    return totalHits == 0;
  }
}
