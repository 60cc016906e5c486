package io.zhiku.core.taxonomy;

import io.zhiku.core.ValidationException;
import java.util.List;

/**
 * Thrown when an edit would make a concept its own ancestor. The message names the whole cycle, e.g.
 * {@code "a → b → c → a"}; the taxonomy being edited is left as it was.
 */
public class TaxonomyCycleException extends ValidationException {
  private static final long serialVersionUID = 1L;

  /** The concept ids of the cycle, first and last the same. */
  private final List<String> cycle;

  /**
   * Creates the exception.
   *
   * @param cycle the concept ids along the cycle, first and last the same
   */
  public TaxonomyCycleException(List<String> cycle) {
    super("Concept.broader", String.join(" → ", cycle), "broader relations must not form a cycle");
    this.cycle = List.copyOf(cycle);
  }

  /**
   * Returns the cycle.
   *
   * @return concept ids, each one a broader concept of the one before it; first and last the same
   */
  public List<String> cycle() {
    return cycle;
  }
}
