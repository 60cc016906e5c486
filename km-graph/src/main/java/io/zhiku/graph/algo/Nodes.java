package io.zhiku.graph.algo;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.Node;

/** The algorithms' argument checks. Stateless. */
final class Nodes {
  private Nodes() {}

  /** The number of a node the snapshot must hold. */
  static int index(GraphSnapshot g, String field, Node node) {
    int v = g.indexOf(Checks.present(field, node));
    if (v < 0) {
      throw new ValidationException(field, node, "a node of the snapshot");
    }
    return v;
  }
}
