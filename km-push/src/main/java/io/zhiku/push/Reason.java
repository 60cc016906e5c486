package io.zhiku.push;

import io.zhiku.core.internal.Checks;

/**
 * Why an item was recommended, in business language ("recommended for the proposal stage in the
 * education industry", "much used lately by industry managers"), never score arithmetic. A reason only
 * ever names items, people counts and concepts the principal may see.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param source the name of the {@link Recommender} that gave it, e.g. {@code "rules"}
 * @param text the explanation, one line of at most {@value #MAX_TEXT_CHARS} characters
 */
public record Reason(String source, String text) {
  /** The longest explanation, in characters. */
  public static final int MAX_TEXT_CHARS = 512;

  /**
   * Validates.
   *
   * @param source the name of the {@link Recommender} that gave it, e.g. {@code "rules"}
   * @param text the explanation, one line of at most {@value #MAX_TEXT_CHARS} characters
   * @throws io.zhiku.core.ValidationException if the source is not a token or the text is not one line
   */
  public Reason {
    Checks.token("Reason.source", source);
    text = Checks.line("Reason.text", text, MAX_TEXT_CHARS);
  }
}
