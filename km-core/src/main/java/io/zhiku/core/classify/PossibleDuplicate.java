package io.zhiku.core.classify;

import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.KnowledgeItem;

/**
 * An existing item that may say the same thing as a new text or item, with how likely that is. A value:
 * immutable and thread-safe.
 *
 * @param item the existing item, one the principal may read
 * @param score how likely it is a duplicate, and why; {@link DuplicateScore#likely()} says whether to warn
 */
public record PossibleDuplicate(KnowledgeItem item, DuplicateScore score) {
  /**
   * Validates.
   *
   * @param item the item
   * @param score the score
   */
  public PossibleDuplicate {
    Checks.present("item", item);
    Checks.present("score", score);
  }
}
