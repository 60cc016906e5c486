package io.zhiku.push;

import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.KnowledgeItem;
import java.util.List;

/**
 * One item that push proposes to a person now, with the reasons, strongest first.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param item the item, which the principal may read
 * @param score the blended score (higher is better); comparable within one push only
 * @param reasons why, strongest first; never empty
 */
public record Recommendation(KnowledgeItem item, double score, List<Reason> reasons) {
  /**
   * Validates and copies.
   *
   * @param item the item, which the principal may read
   * @param score the blended score (higher is better); comparable within one push only
   * @param reasons why, strongest first; never empty
   * @throws io.zhiku.core.ValidationException if a part is missing or there is no reason
   */
  public Recommendation {
    Checks.present("Recommendation.item", item);
    reasons = List.copyOf(Checks.present("Recommendation.reasons", reasons));
    if (reasons.isEmpty()) {
      throw new io.zhiku.core.ValidationException("Recommendation.reasons", "[]", "must give at least one reason");
    }
  }
}
