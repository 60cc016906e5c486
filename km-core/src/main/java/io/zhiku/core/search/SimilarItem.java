package io.zhiku.core.search;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.KnowledgeItem;

/**
 * An item like a given item or text, with how alike: what {@link io.zhiku.core.kb.KnowledgeBase#similarTo}
 * and {@link io.zhiku.core.kb.KnowledgeBase#similarToText} return. A value: immutable and thread-safe.
 *
 * @param item the item, as stored now
 * @param score its similarity (higher is more alike; comparable only within one answer)
 */
public record SimilarItem(KnowledgeItem item, double score) {
  /**
   * Validates.
   *
   * @param item the item, as stored now
   * @param score its similarity (higher is more alike; comparable only within one answer)
   * @throws ValidationException if the item is missing or the score is not a finite number
   */
  public SimilarItem {
    Checks.present("SimilarItem.item", item);
    if (!Double.isFinite(score)) {
      throw new ValidationException("SimilarItem.score", score, "must be a finite number");
    }
  }
}
