package io.zhiku.core.classify;

import io.zhiku.core.internal.Checks;
import java.util.List;

/**
 * A concept suggested for a text, with how sure the suggestion is and why.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param conceptId the concept
 * @param label its preferred label in the suggester's language
 * @param score how likely the text is about the concept, from 0 to 1: the reasons' probabilities combined
 *     as independent evidence ({@code 1 − Π (1 − p)})
 * @param reasons why, strongest first: one per kind of evidence that found it
 */
public record ConceptSuggestion(String conceptId, String label, double score, List<Reason> reasons) {
  /**
   * Validates and copies.
   *
   * @param conceptId the concept
   * @param label its preferred label
   * @param score from 0 to 1
   * @param reasons at least one
   */
  public ConceptSuggestion {
    Checks.present("conceptId", conceptId);
    Checks.present("label", label);
    reasons = List.copyOf(Checks.present("reasons", reasons));
  }

  /** Where a suggestion's evidence comes from. */
  public enum Source {
    /** The text names the concept: one of its labels (preferred, alternative or hidden) occurs in it. */
    LABEL_IN_TEXT,
    /** The items most like the text are about the concept. */
    SIMILAR_ITEMS
  }

  /**
   * One kind of evidence for a suggestion.
   *
   * @param source where it comes from
   * @param probability what it alone says of the chance the text is about the concept, from 0 to 1
   * @param text the evidence in words, for the person classifying
   */
  public record Reason(Source source, double probability, String text) {
    /**
     * Validates.
     *
     * @param source where it comes from
     * @param probability from 0 to 1
     * @param text in words
     */
    public Reason {
      Checks.present("source", source);
      Checks.present("text", text);
    }
  }
}
