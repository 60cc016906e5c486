package io.zhiku.graph;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What the graph's tests share: a fixed clock, two readers, a small taxonomy, knowledge bases and access splits. */
public final class GraphFixtures {
  private GraphFixtures() {}

  public static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  public static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
  public static final Principal ALICE = Principal.of("alice", List.of("sales"), List.of());
  public static final Principal BOB = Principal.of("bob", List.of("rd"), List.of());

  public static final Taxonomy TAXONOMY = Taxonomy.builder().scheme(ConceptScheme.of("s", "en", "S"))
      .concept(Concept.builder("network", "s").build())
      .concept(Concept.builder("vpn", "s").broader("network").build())
      .concept(Concept.builder("wifi", "s").broader("network").related("vpn").build())
      .build();

  public static KnowledgeBaseBuilder kb() {
    return KnowledgeBase.builder().clock(CLOCK).taxonomy(TAXONOMY).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual());
  }

  /**
   * For the access kits: the whole corpus with its graph, beside a knowledge base and graph holding only
   * what one principal may read (and the events on those items), both refreshed.
   */
  public record Split(KnowledgeBase kb, KnowledgeGraph graph, KnowledgeBase only, KnowledgeGraph onlyGraph, Set<String> readableIds)
      implements AutoCloseable {
    public static Split of(List<KnowledgeItem> items, List<UsageEvent> events, Principal principal) {
      Set<String> readableIds = new java.util.HashSet<>();
      items.stream().filter(i -> i.acl().permits(principal)).forEach(i -> readableIds.add(i.id()));
      KnowledgeBase kb = GraphFixtures.kb().build();
      KnowledgeBase only = GraphFixtures.kb().build();
      Split s = new Split(kb, KnowledgeGraph.builder(kb).build(), only, KnowledgeGraph.builder(only).build(), readableIds);
      kb.putAll(items);
      kb.events().recordAll(events);
      kb.refresh();
      List<KnowledgeItem> readable = items.stream().filter(i -> readableIds.contains(i.id())).toList();
      if (!readable.isEmpty()) {
        only.putAll(readable);
      }
      List<UsageEvent> readableEvents = events.stream().filter(e -> readableIds.contains(e.itemId())).toList();
      if (!readableEvents.isEmpty()) {
        only.events().recordAll(readableEvents);
      }
      only.refresh();
      return s;
    }

    @Override
    public void close() {
      try (KnowledgeBase a = kb; KnowledgeBase b = only; KnowledgeGraph c = graph; KnowledgeGraph d = onlyGraph) {
        // closed in reverse order: the graphs, then the knowledge bases
      }
    }
  }

  public static KnowledgeItem item(String id, Acl acl, List<String> concepts, String... authors) {
    return KnowledgeItem.builder(id, ItemKind.SOLUTION, "Item " + id).body("body of " + id).acl(acl)
        .concepts(concepts).authors(authors).build();
  }

  public static Node item(String id) {
    return Node.of(NodeType.ITEM, id);
  }

  public static Node person(String id) {
    return Node.of(NodeType.PERSON, id);
  }

  public static Node concept(String id) {
    return Node.of(NodeType.CONCEPT, id);
  }

  /** A snapshot's edges as "source type target" → weight, for comparisons. */
  public static Map<String, Double> edges(GraphSnapshot g) {
    Map<String, Double> out = new TreeMap<>();
    for (Edge e : g.edges()) {
      out.put(e.source() + " " + e.type() + " " + e.target(), e.weight());
    }
    return out;
  }

  public static Set<Node> nodes(GraphSnapshot g) {
    Set<Node> out = new java.util.HashSet<>();
    for (int v = 0; v < g.nodeCount(); v++) {
      out.add(g.node(v));
    }
    return out;
  }
}
