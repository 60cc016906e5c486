package io.zhiku.push;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;

/**
 * An item a {@link Recommender} proposes, with its score and its reason. Scores are comparable within
 * one recommender only; the push blend normalises them.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param itemId the item's id
 * @param score how strongly the recommender proposes it: finite and positive
 * @param reason why
 */
public record Candidate(String itemId, double score, Reason reason) {
  /**
   * Validates.
   *
   * @param itemId the item's id
   * @param score how strongly the recommender proposes it: finite and positive
   * @param reason why
   * @throws ValidationException if the id is malformed, the score is not finite and positive, or the
   *     reason is missing
   */
  public Candidate {
    Checks.id("Candidate.itemId", itemId);
    if (!(score > 0) || !Double.isFinite(score)) {
      throw new ValidationException("Candidate.score", score, "must be finite and positive");
    }
    Checks.present("Candidate.reason", reason);
  }
}
