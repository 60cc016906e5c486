package io.zhiku.graph;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.zhiku.core.internal.Checks;

/**
 * The kind of a graph {@link Node}. An open set: the constants are the kinds Zhiku's projection of the
 * knowledge base and its expert finding understand, including the four libraries of a customer-facing
 * knowledge system (customer needs, experts, solutions, partners); a host may add its own with {@link
 * #of(String)}.
 *
 * <p>A value: immutable and thread-safe. In JSON a type is its name.
 *
 * @param name 1 to 64 characters of {@code a-z 0-9 -}, starting with a letter
 */
public record NodeType(@JsonValue String name) {
  /** A knowledge item (a solution, case, FAQ, template...). */
  public static final NodeType ITEM = new NodeType("item");
  /** A taxonomy concept. */
  public static final NodeType CONCEPT = new NodeType("concept");
  /** A person (a user id): an author, answerer, verifier or user of items; an expert. */
  public static final NodeType PERSON = new NodeType("person");
  /** A team or organisational unit. */
  public static final NodeType TEAM = new NodeType("team");
  /** A customer, with its needs. */
  public static final NodeType CUSTOMER = new NodeType("customer");
  /** A partner, with what it offers. */
  public static final NodeType PARTNER = new NodeType("partner");
  /** A project (a sales project, a service case, an R&amp;D project). */
  public static final NodeType PROJECT = new NodeType("project");

  /**
   * Validates.
   *
   * @param name 1 to 64 characters of {@code a-z 0-9 -}, starting with a letter
   * @throws io.zhiku.core.ValidationException if the name is malformed
   */
  public NodeType {
    Checks.token("NodeType.name", name);
  }

  /**
   * The type with this name, well-known or not.
   *
   * @param name the type's name
   * @return the type
   * @throws io.zhiku.core.ValidationException if the name is malformed
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static NodeType of(String name) {
    return new NodeType(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
