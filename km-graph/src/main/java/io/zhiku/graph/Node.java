package io.zhiku.graph;

import io.zhiku.core.internal.Checks;

/**
 * A node of the knowledge graph: its type and an id unique within that type (an item id, a concept id, a
 * user id, a customer id...).
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param type the node's type
 * @param id the node's id, shaped like every Zhiku id: 1 to 128 characters of {@code A-Z a-z 0-9 _ . : @ -},
 *     not starting with {@code . : @ -}
 */
public record Node(NodeType type, String id) {
  /**
   * Validates.
   *
   * @param type the node's type
   * @param id the node's id, shaped like every Zhiku id: 1 to 128 characters of {@code A-Z a-z 0-9 _ . : @ -},
   *     not starting with {@code . : @ -}
   * @throws io.zhiku.core.ValidationException if a part is missing or the id is malformed
   */
  public Node {
    Checks.present("Node.type", type);
    Checks.id("Node.id", id);
  }

  /**
   * A node.
   *
   * @param type the node's type
   * @param id its id
   * @return the node
   * @throws io.zhiku.core.ValidationException if a part is missing or the id is malformed
   */
  public static Node of(NodeType type, String id) {
    return new Node(type, id);
  }

  @Override
  public String toString() {
    return type + ":" + id;
  }
}
