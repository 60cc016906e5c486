package io.zhiku.core.item;

import io.zhiku.core.internal.Checks;

/**
 * A typed link from one knowledge item to another, such as "this solution references that case".
 * The relation is an open set; the constants name the common ones.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param relation 1 to 64 characters of {@code a-z 0-9 -}, starting with a letter
 * @param targetId the id of the item linked to
 */
public record ItemLink(String relation, String targetId) {
  /** The source cites or builds on the target. */
  public static final String REFERENCES = "references";
  /** The source replaces the target. */
  public static final String SUPERSEDES = "supersedes";
  /** The source was derived from the target (for example, a case written from a template). */
  public static final String DERIVED_FROM = "derived-from";
  /** The two are related, without a more precise relation. */
  public static final String RELATED = "related";

  /**
   * Validates.
   *
   * @param relation 1 to 64 characters of {@code a-z 0-9 -}, starting with a letter
   * @param targetId the id of the item linked to
   * @throws io.zhiku.core.ValidationException if the relation or target id is malformed
   */
  public ItemLink {
    relation = Checks.token("ItemLink.relation", relation);
    targetId = Checks.id("ItemLink.targetId", targetId);
  }

  /**
   * A link.
   *
   * @param relation the relation, e.g. {@link #REFERENCES}
   * @param targetId the target item's id
   * @return the link
   */
  public static ItemLink of(String relation, String targetId) {
    return new ItemLink(relation, targetId);
  }
}
