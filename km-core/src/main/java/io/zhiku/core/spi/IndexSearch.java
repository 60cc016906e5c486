package io.zhiku.core.spi;

import io.zhiku.core.search.SearchRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A search as the knowledge base hands it to an engine: the caller's request, with the concept filter
 * already expanded through the taxonomy.
 *
 * <p>The engine must return only items whose {@link io.zhiku.core.access.Acl} permits {@code
 * request.principal()}, and must apply that rule to every number it reports.
 *
 * @param request the caller's request (text, filters, page, cursor)
 * @param conceptGroups one set per requested concept: the concept and its descendants. An item passes
 *     when, for every group, it is classified under at least one concept of that group
 * @param facetRollup for facet counting: for each concept id an item may carry, the facet keys it
 *     counts toward (the concept and its ancestors, per requested scheme). For every matching readable
 *     item, the engine adds 1 to each key reached by any of its concepts, once per item. Empty when no
 *     facets are requested
 * @param synonyms other names, from the taxonomy, of what the person typed: the engine adds each as an
 *     optional exact phrase, so that an abbreviation finds items that use the full term. Empty if none
 * @param now the time freshness is measured from (the knowledge base's clock); for a later page, the
 *     engine keeps the time of the first page so that scores, and so the order, stay the same
 * @param popularity recent use of items, for the popularity boost; {@link Popularity#NONE} when no
 *     usage is known
 * @param excludedIds ids of items the engine must treat as absent, whatever its own copy of them says:
 *     items deleted, or re-stored with an ACL that no longer permits the principal, since the engine's
 *     last refresh. The knowledge base computes them from its real-time item table, so that revoked access
 *     takes effect at once; the engine leaves them out of the hits and of every count. Usually empty
 */
public record IndexSearch(
    SearchRequest request, List<Set<String>> conceptGroups, Map<String, Set<String>> facetRollup, List<String> synonyms,
    Instant now, Popularity popularity, Set<String> excludedIds) {
  /**
   * Copies.
   *
   * @param request the caller's request (text, filters, page, cursor)
   * @param conceptGroups one set per requested concept: the concept and its descendants. An item passes
   *     when, for every group, it is classified under at least one concept of that group
   * @param facetRollup for facet counting: for each concept id an item may carry, the facet keys it
   *     counts toward (the concept and its ancestors, per requested scheme). For every matching readable
   *     item, the engine adds 1 to each key reached by any of its concepts, once per item. Empty when no
   *     facets are requested
   * @param synonyms other names, from the taxonomy, of what the person typed: the engine adds each as an
   *     optional exact phrase, so that an abbreviation finds items that use the full term. Empty if none
   * @param now the time freshness is measured from (the knowledge base's clock); for a later page, the
   *     engine keeps the time of the first page so that scores, and so the order, stay the same
   * @param popularity recent use of items, for the popularity boost; {@link Popularity#NONE} when no
   *     usage is known
   * @param excludedIds ids of items the engine must treat as absent, whatever its own copy of them says:
   *     items deleted, or re-stored with an ACL that no longer permits the principal, since the engine's
   *     last refresh. The knowledge base computes them from its real-time item table, so that revoked access
   *     takes effect at once; the engine leaves them out of the hits and of every count. Usually empty
   */
  public IndexSearch {
    conceptGroups = conceptGroups.stream().map(Set::copyOf).toList();
    facetRollup = Map.copyOf(facetRollup);
    synonyms = List.copyOf(synonyms);
    excludedIds = Set.copyOf(excludedIds);
    io.zhiku.core.internal.Checks.present("IndexSearch.now", now);
    io.zhiku.core.internal.Checks.present("IndexSearch.popularity", popularity);
  }
}
