package io.zhiku.core.search;

import io.zhiku.core.internal.Checks;

/**
 * An item id with a score, as the {@link io.zhiku.core.kb.ItemCatalog} (and push's recommender context)
 * answers: what a recommender builds its candidates from. A value: immutable and thread-safe.
 *
 * @param itemId the item's id
 * @param score the score; its meaning depends on the question asked (decayed uses, similarity...)
 */
public record ScoredItem(String itemId, double score) {
  /**
   * Validates.
   *
   * @param itemId the item's id
   * @param score the score; its meaning depends on the question asked (decayed uses, similarity...)
   * @throws io.zhiku.core.ValidationException if the id is malformed
   */
  public ScoredItem {
    Checks.id("ScoredItem.itemId", itemId);
  }
}
