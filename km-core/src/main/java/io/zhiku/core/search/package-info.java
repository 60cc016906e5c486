/**
 * Searching a knowledge base: {@link io.zhiku.core.search.SearchRequest} in, {@link
 * io.zhiku.core.search.SearchResult} out, always filtered by what the principal may read.
 */
package io.zhiku.core.search;
