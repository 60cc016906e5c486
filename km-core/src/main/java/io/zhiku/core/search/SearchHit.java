package io.zhiku.core.search;

import io.zhiku.core.item.KnowledgeItem;

/**
 * One item found by a search, with its relevance score (higher is better; comparable only within one
 * result list).
 *
 * @param item the item
 * @param score its score
 */
public record SearchHit(KnowledgeItem item, float score) {}
