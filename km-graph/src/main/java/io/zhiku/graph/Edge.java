package io.zhiku.graph;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;

/**
 * A directed, typed, weighted edge of the knowledge graph, as a value (for building, export and
 * answers; a {@link GraphSnapshot} keeps its edges in arrays, not as objects).
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param source where the edge starts
 * @param type what it means
 * @param target where it ends
 * @param weight its weight (a count of uses, a strength): finite and greater than 0
 */
public record Edge(Node source, EdgeType type, Node target, double weight) {
  /**
   * Validates.
   *
   * @param source where the edge starts
   * @param type what it means
   * @param target where it ends
   * @param weight its weight (a count of uses, a strength): finite and greater than 0
   * @throws ValidationException if a part is missing or the weight is not finite and positive
   */
  public Edge {
    Checks.present("Edge.source", source);
    Checks.present("Edge.type", type);
    Checks.present("Edge.target", target);
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new ValidationException("Edge.weight", weight, "finite and greater than 0");
    }
  }
}
