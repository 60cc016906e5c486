package io.zhiku.core.search;

/**
 * An autocomplete suggestion: the title of an item the principal may read, or the label of a concept
 * under which the principal may read at least one item.
 *
 * @param text what to show and insert
 * @param source where it comes from
 * @param id the item's id for {@link Source#TITLE}, the concept's id for {@link Source#CONCEPT}
 */
public record Suggestion(String text, Source source, String id) {
  /** Where a suggestion comes from. */
  public enum Source {
    /** An item's title. */
    TITLE,
    /** A concept's preferred or alternative label. */
    CONCEPT
  }
}
