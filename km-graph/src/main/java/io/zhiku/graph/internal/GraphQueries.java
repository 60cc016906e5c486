package io.zhiku.graph.internal;

import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.graph.EdgeDirection;
import io.zhiku.graph.EdgeType;
import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.Node;
import io.zhiku.graph.NodeType;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Questions expert finding and knowledge maps both ask of a graph. Not API. Stateless. */
public final class GraphQueries {
  private GraphQueries() {}

  /**
   * A concept and, if the taxonomy holds it, every concept narrower than it.
   *
   * @param taxonomy the taxonomy
   * @param conceptId the concept
   * @return the concept ids
   */
  public static Set<String> withNarrower(Taxonomy taxonomy, String conceptId) {
    Set<String> out = new LinkedHashSet<>();
    out.add(conceptId);
    if (taxonomy.contains(conceptId)) {
      out.addAll(taxonomy.descendants(conceptId));
    }
    return out;
  }

  /**
   * The ids of the items a snapshot has {@code about} a concept.
   *
   * @param g the snapshot
   * @param conceptId the concept
   * @return the item ids
   */
  public static Set<String> itemsAbout(GraphSnapshot g, String conceptId) {
    Set<String> out = new LinkedHashSet<>();
    int v = g.indexOf(Node.of(NodeType.CONCEPT, conceptId));
    if (v >= 0) {
      g.forEachEdge(v, EdgeDirection.IN, (other, type, weight) -> {
        if (type.equals(EdgeType.ABOUT) && g.nodeType(other).equals(NodeType.ITEM)) {
          out.add(g.node(other).id());
        }
      });
    }
    return out;
  }

  /**
   * Scans the events of some items (in chunks the event query allows).
   *
   * @param kb the knowledge base
   * @param itemIds the items
   * @param from the window's start, or {@code null} for all time
   * @param types the event types
   * @param visitor receives each row
   */
  public static void scanItemEvents(KnowledgeBase kb, List<String> itemIds, Instant from, Collection<UsageEventType> types, Consumer<EventRow> visitor) {
    UsageEventType[] t = types.toArray(UsageEventType[]::new);
    for (int i = 0; i < itemIds.size(); i += EventQuery.MAX_FILTER_VALUES) {
      kb.events().scan(EventQuery.builder().window(from, null).types(t)
          .items(itemIds.subList(i, Math.min(itemIds.size(), i + EventQuery.MAX_FILTER_VALUES))).build(), visitor);
    }
  }
}
