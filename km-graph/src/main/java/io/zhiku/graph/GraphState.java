package io.zhiku.graph;

import io.zhiku.graph.internal.ItemFacts;
import java.util.HashMap;
import java.util.Map;

/**
 * The mutable content of a {@link KnowledgeGraph}: what the host put (nodes with properties, edges), what
 * the items say (their facts, from which their edges follow), and the edges usage events drew, with the
 * sequence numbers of the last item change and event applied. Not thread-safe: the graph guards it.
 */
final class GraphState {
  /** An edge's identity: repeated edges with one key add their weights. */
  record Key(Node source, EdgeType type, Node target) {}

  long itemSequence;
  long eventSequence;
  final Map<String, ItemFacts> items = new HashMap<>();
  final Map<Node, Map<String, String>> hostNodes = new HashMap<>();
  final Map<Key, Double> hostEdges = new HashMap<>();
  final Map<Key, Double> eventEdges = new HashMap<>();
  /** One node object per node for the event edges, which repeat the same people and items. */
  private final Map<Node, Node> interned = new HashMap<>();

  Node intern(Node node) {
    Node known = interned.putIfAbsent(node, node);
    return known == null ? node : known;
  }

  void addEventEdge(Node source, EdgeType type, Node target, double weight) {
    eventEdges.merge(new Key(intern(source), type, intern(target)), weight, Double::sum);
  }

  void clearEvents() {
    eventEdges.clear();
    interned.clear();
    eventSequence = 0;
  }
}
