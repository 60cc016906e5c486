package io.zhiku.core.item;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.zhiku.core.internal.Checks;

/**
 * What sort of knowledge an item is. An open set: the constants name the well-known kinds, and a host
 * may use its own (for example {@code "bid-review"}) through {@link #of(String)}.
 *
 * <p>A value: immutable and thread-safe; two kinds are equal when their names are. In JSON a kind is
 * its name.
 *
 * @param name 1 to 64 characters of {@code a-z 0-9 -}, starting with a letter
 */
public record ItemKind(@JsonValue String name) {
  /** A proven way of solving a customer's or a project's problem. */
  public static final ItemKind SOLUTION = new ItemKind("solution");
  /** A story of one customer or project: what was done and how it went. */
  public static final ItemKind CASE = new ItemKind("case");
  /** A question with its answer. */
  public static final ItemKind FAQ = new ItemKind("faq");
  /** A lesson learned, good or bad. */
  public static final ItemKind LESSON = new ItemKind("lesson");
  /** A reusable template: a proposal, a contract, a plan. */
  public static final ItemKind TEMPLATE = new ItemKind("template");
  /** Product documentation. */
  public static final ItemKind PRODUCT_DOC = new ItemKind("product-doc");
  /** A customer's requirement or need. */
  public static final ItemKind REQUIREMENT = new ItemKind("requirement");
  /** What a partner offers and how to work with it. */
  public static final ItemKind PARTNER_PROFILE = new ItemKind("partner-profile");
  /** Any other document. */
  public static final ItemKind DOCUMENT = new ItemKind("document");

  /**
   * Validates.
   *
   * @param name 1 to 64 characters of {@code a-z 0-9 -}, starting with a letter
   * @throws io.zhiku.core.ValidationException if the name is malformed
   */
  public ItemKind {
    Checks.token("ItemKind.name", name);
  }

  /**
   * The kind with this name, well-known or not.
   *
   * @param name the kind's name
   * @return the kind
   * @throws io.zhiku.core.ValidationException if the name is malformed
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ItemKind of(String name) {
    return new ItemKind(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
