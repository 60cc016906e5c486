package io.zhiku.core.classify;

/**
 * How likely two texts say the same thing, and what that rests on. A value: immutable and thread-safe.
 *
 * @param probability the chance that the two say the same thing, from 0 to 1: a logistic model of the
 *     two similarities below ({@link DuplicateFinder.Weights}), fitted on labelled question pairs
 * @param words how many words they share: the cosine similarity of their term counts, from 0 to 1
 *     (Chinese: characters and pairs of adjacent characters; other scripts: words), after folding case,
 *     full-width forms and traditional Chinese
 * @param meaning the cosine similarity of their embeddings, from -1 to 1; {@code NaN} without an embedder
 */
public record DuplicateScore(double probability, double words, double meaning) {
  /**
   * Whether the pair is likely a duplicate: {@code probability ≥} {@link DuplicateFinder#LIKELY}, the
   * threshold at which the model says "more likely the same than not".
   *
   * @return whether to warn
   */
  public boolean likely() {
    return probability >= DuplicateFinder.LIKELY;
  }
}
