package io.zhiku.core.search;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.internal.Checks;

/**
 * An autocomplete request: who is typing, what they typed so far, and how many suggestions to return.
 *
 * @param principal who is typing; only titles and concepts it may read are suggested
 * @param prefix the text typed so far, 1 to {@value #MAX_PREFIX_CHARS} characters; matched, after
 *     folding case, full-width forms and traditional Chinese, against the start of titles and labels and
 *     the start of their words (several words typed: each must start a word)
 * @param limit the most suggestions, 1 to {@value #MAX_LIMIT}
 */
public record SuggestRequest(Principal principal, String prefix, int limit) {
  /** The longest prefix. */
  public static final int MAX_PREFIX_CHARS = 100;
  /** The most suggestions. */
  public static final int MAX_LIMIT = 50;

  /**
   * Validates.
   *
   * @param principal who is typing; only titles and concepts it may read are suggested
   * @param prefix the text typed so far, 1 to {@value #MAX_PREFIX_CHARS} characters; matched, after
   *     folding case, full-width forms and traditional Chinese, against the start of titles and labels and
   *     the start of their words (several words typed: each must start a word)
   * @param limit the most suggestions, 1 to {@value #MAX_LIMIT}
   * @throws ValidationException if a part is missing or out of range
   */
  public SuggestRequest {
    Checks.present("SuggestRequest.principal", principal);
    prefix = Checks.line("SuggestRequest.prefix", prefix, MAX_PREFIX_CHARS);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("SuggestRequest.limit", limit, "must be between 1 and " + MAX_LIMIT);
    }
  }

  /**
   * A request for up to ten suggestions.
   *
   * @param principal who is typing
   * @param prefix what they typed
   * @return the request
   */
  public static SuggestRequest of(Principal principal, String prefix) {
    return new SuggestRequest(principal, prefix, 10);
  }
}
