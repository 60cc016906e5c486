package io.zhiku.graph;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.zhiku.core.internal.Checks;

/**
 * The kind of a directed graph edge. An open set: the constants are the relations Zhiku's projection of
 * the knowledge base and its expert finding understand; a host may add its own with {@link #of(String)}.
 * Taxonomy relations are named after SKOS ({@code broader}, {@code related}).
 *
 * <p>A value: immutable and thread-safe. In JSON a type is its name.
 *
 * @param name 1 to 64 characters of {@code a-z 0-9 -}, starting with a letter
 */
public record EdgeType(@JsonValue String name) {
  /** An item is about a concept. */
  public static final EdgeType ABOUT = new EdgeType("about");
  /** A person authored an item. */
  public static final EdgeType AUTHORED = new EdgeType("authored");
  /** A person answered a question with an item. */
  public static final EdgeType ANSWERED = new EdgeType("answered");
  /** A person verified an item. */
  public static final EdgeType VERIFIED = new EdgeType("verified");
  /** A person used an item (viewed, reused...); the weight says how much. */
  public static final EdgeType USED = new EdgeType("used");
  /** A person is a member of a team. */
  public static final EdgeType MEMBER_OF = new EdgeType("member-of");
  /** A concept is narrower than another (SKOS broader: the edge points to the broader one). */
  public static final EdgeType BROADER = new EdgeType("broader");
  /** Two nodes are related (SKOS related, or an item's link). */
  public static final EdgeType RELATED = new EdgeType("related");
  /** A customer needs something (a concept, a solution). */
  public static final EdgeType NEEDS = new EdgeType("needs");
  /** A partner offers something (a concept, a solution). */
  public static final EdgeType OFFERS = new EdgeType("offers");
  /** An item references another. */
  public static final EdgeType REFERENCES = new EdgeType("references");
  /** A node is part of another (an item of a project, a team of a unit). */
  public static final EdgeType PART_OF = new EdgeType("part-of");

  /**
   * Validates.
   *
   * @param name 1 to 64 characters of {@code a-z 0-9 -}, starting with a letter
   * @throws io.zhiku.core.ValidationException if the name is malformed
   */
  public EdgeType {
    Checks.token("EdgeType.name", name);
  }

  /**
   * The type with this name, well-known or not.
   *
   * @param name the type's name
   * @return the type
   * @throws io.zhiku.core.ValidationException if the name is malformed
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static EdgeType of(String name) {
    return new EdgeType(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
