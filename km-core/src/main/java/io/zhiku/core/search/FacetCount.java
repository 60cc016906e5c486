package io.zhiku.core.search;

/**
 * How many matching items the principal may read are classified under a concept or any of its
 * descendants. An item counts once per concept, however many of its classifications lead there.
 *
 * @param conceptId the concept
 * @param count how many items
 */
public record FacetCount(String conceptId, long count) {}
