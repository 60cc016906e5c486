package io.zhiku.solr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.graph.Edge;
import io.zhiku.graph.EdgeType;
import io.zhiku.graph.KnowledgeGraph;
import io.zhiku.graph.Node;
import io.zhiku.graph.NodeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The state an instance derives from the shared data (here the knowledge graph) holds what other instances
 * stored before it opened: on a shared engine, sequence numbers count one instance's changes and cannot
 * tell what a fresh (or reloaded) graph lacks, so it reads everything when attached.
 */
class SolrDerivedStateTest {
  private static final Principal ALICE = Principal.of("alice", List.of("sales"), List.of());

  @RegisterExtension
  static final InProcessSolr SOLR = new InProcessSolr(1);

  private static KnowledgeBase open(String items, String events) {
    return KnowledgeBase.builder().engine(new ItemsOnSolr(SOLR.cluster().getSolrClient(), items, events))
        .refreshInterval(Duration.ZERO).build();
  }

  @Test
  void aGraphAttachedLater_holdsTheItemsAndEventsOtherInstancesStored() {
    String items = SOLR.collection("derived-items", 2, 1);
    String events = SOLR.collection("derived-events", 2, 1);
    try (KnowledgeBase first = open(items, events)) {
      first.put(KnowledgeItem.builder("p1", ItemKind.SOLUTION, "Smart campus proposal").acl(Acl.PUBLIC).build());
      first.record(UsageEvent.ofItem(UsageEventType.VIEW, Instant.parse("2026-12-01T00:00:00Z"), ALICE, "p1"));
    }
    try (KnowledgeBase later = open(items, events); KnowledgeGraph graph = KnowledgeGraph.builder(later).build()) {
      List<Edge> used = graph.snapshot().edges().stream().filter(e -> e.type().equals(EdgeType.USED)).toList();
      assertEquals(List.of(Node.of(NodeType.PERSON, "alice")), used.stream().map(Edge::source).toList());
      assertEquals(List.of(Node.of(NodeType.ITEM, "p1")), used.stream().map(Edge::target).toList());
    }
  }
}
