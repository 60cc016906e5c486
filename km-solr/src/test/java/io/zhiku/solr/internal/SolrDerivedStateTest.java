package io.zhiku.solr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.graph.Edge;
import io.zhiku.graph.EdgeType;
import io.zhiku.graph.KnowledgeGraph;
import io.zhiku.graph.Node;
import io.zhiku.graph.NodeType;
import io.zhiku.push.KnowledgePush;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The state an instance derives from the shared data (here the knowledge graph) follows every instance's
 * items and usage events and converges; and it holds what other instances stored before it opened: on a
 * shared engine, sequence numbers count one instance's changes and cannot tell what a fresh (or reloaded)
 * graph lacks, so it reads everything when attached.
 */
class SolrDerivedStateTest {
  private static final Principal ALICE = Principal.of("alice", List.of("sales"), List.of());

  @RegisterExtension
  static final InProcessSolr SOLR = new InProcessSolr(1);

  private static KnowledgeBase open(String items, String events) {
    return KnowledgeBase.builder().engine(new ItemsOnSolr(SOLR.cluster().getSolrClient(), items, events))
        .refreshInterval(Duration.ZERO).build();
  }

  /** The graph's edges as sorted text: what two instances' graphs must agree on. */
  private static List<String> edges(KnowledgeGraph graph) {
    return graph.snapshot().edges().stream().map(e -> e.source() + " " + e.type().name() + " " + e.target() + " " + e.weight())
        .sorted().toList();
  }

  /**
   * Items and usage events written at random on three instances, each with its own knowledge graph: once
   * the event feed's window has passed, every instance's graph equals the graph of an instance opened
   * afterwards, which reads everything from the cluster.
   */
  @Test
  void afterARandomWorkload_everyInstancesGraphEqualsOneBuiltFromTheCluster() throws InterruptedException {
    String items = SOLR.collection("converge-items", 2, 1);
    String events = SOLR.collection("converge-events", 2, 1);
    Random random = new Random(20261204);
    List<KnowledgeBase> kbs = new ArrayList<>();
    List<KnowledgeGraph> graphs = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        kbs.add(open(items, events));
        graphs.add(KnowledgeGraph.builder(kbs.get(i)).build());
      }
      Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
      for (int step = 0; step < 80; step++) {
        KnowledgeBase kb = kbs.get(random.nextInt(kbs.size()));
        String id = "p" + random.nextInt(10);
        Principal who = Principal.of("u" + random.nextInt(4), List.of("sales"), List.of());
        switch (random.nextInt(4)) {
          case 0 -> kb.put(KnowledgeItem.builder(id, ItemKind.SOLUTION, "Proposal " + step).acl(Acl.PUBLIC)
              .authors(who.userId()).build());
          case 1 -> kb.record(UsageEvent.ofItem(UsageEventType.REUSE, t0.plusSeconds(step), who, id));
          default -> kb.record(UsageEvent.ofItem(UsageEventType.VIEW, t0.plusSeconds(step), who, id));
        }
        if (random.nextInt(5) == 0) {
          kb.refresh();
        }
      }
      kbs.forEach(KnowledgeBase::refresh);
      List<String> truth;
      try (KnowledgeBase fresh = open(items, events); KnowledgeGraph built = KnowledgeGraph.builder(fresh).build()) {
        truth = edges(built);
      }
      awaitFollowed(kbs, () -> graphs.stream().allMatch(g -> edges(g).equals(truth)));
      for (int i = 0; i < graphs.size(); i++) {
        assertEquals(truth, edges(graphs.get(i)), "instance " + i + "'s graph");
      }
    } finally {
      graphs.forEach(KnowledgeGraph::close);
      kbs.forEach(KnowledgeBase::close);
    }
  }

  /** Waits, refreshing every instance, until a condition holds (or 30 s pass). */
  private static void awaitFollowed(List<KnowledgeBase> kbs, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      kbs.forEach(KnowledgeBase::refresh);
    }
  }

  /**
   * Subscriptions made and ended on any instance reach every instance's push (and one opened later), and
   * an item write is notified to every subscriber once, by the instance that wrote it.
   */
  @Test
  void pushSubscriptions_areShared_andEachWriteIsNotifiedOnceByItsWriter() throws InterruptedException {
    String items = SOLR.collection("push-items", 2, 1);
    String events = SOLR.collection("push-events", 2, 1);
    Taxonomy taxonomy = Taxonomy.builder().scheme(ConceptScheme.of("industry", "en", "Industry"))
        .concept(Concept.builder("education", "industry").build()).build();
    Principal bob = Principal.of("bob", List.of("sales"), List.of());
    Principal carol = Principal.of("carol", List.of("delivery"), List.of());
    List<KnowledgeBase> kbs = new ArrayList<>();
    List<KnowledgePush> pushes = new ArrayList<>();
    List<String> notified = new CopyOnWriteArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        kbs.add(KnowledgeBase.builder().engine(new ItemsOnSolr(SOLR.cluster().getSolrClient(), items, events))
            .refreshInterval(Duration.ZERO).taxonomy(taxonomy).build());
        KnowledgePush push = KnowledgePush.builder(kbs.get(i)).build();
        int instance = i;
        push.addItemListener(n -> notified.add(n.subscriber().userId() + " " + n.item().id() + " from " + instance));
        pushes.add(push);
      }
      pushes.get(0).subscribe(ALICE, "education");
      pushes.get(1).subscribe(bob, "education");
      pushes.get(2).subscribe(carol, "education");
      awaitFollowed(kbs, () -> pushes.get(0).subscriptions("carol").equals(Set.of("education")));
      assertTrue(pushes.get(0).unsubscribe("carol", "education"), "ended on another instance than it began");
      awaitFollowed(kbs, () -> pushes.stream().allMatch(p -> p.subscriptions("carol").isEmpty()
          && p.subscriptions("alice").equals(Set.of("education")) && p.subscriptions("bob").equals(Set.of("education"))));
      for (KnowledgePush p : pushes) {
        assertEquals(List.of(Set.of("education"), Set.of("education"), Set.of()),
            List.of(p.subscriptions("alice"), p.subscriptions("bob"), p.subscriptions("carol")));
      }
      kbs.get(2).put(KnowledgeItem.builder("e1", ItemKind.SOLUTION, "Campus network").acl(Acl.PUBLIC)
          .concepts(List.of("education")).build());
      kbs.get(0).put(KnowledgeItem.builder("e2", ItemKind.SOLUTION, "Sales playbook").acl(Acl.groups("sales", "delivery"))
          .concepts(List.of("education")).build());
      List<String> expected = List.of("alice e1 from 2", "alice e2 from 0", "bob e1 from 2", "bob e2 from 0");
      awaitFollowed(kbs, () -> notified.size() >= expected.size()
          && kbs.stream().allMatch(kb -> kb.catalog().summary("e1").isPresent() && kb.catalog().summary("e2").isPresent()));
      Thread.sleep(500); // a follower that notified too would do it on the refresh that brought the item in
      assertEquals(expected, notified.stream().sorted().toList(), "each subscriber once, from the writing instance");
      try (KnowledgeBase later = KnowledgeBase.builder()
          .engine(new ItemsOnSolr(SOLR.cluster().getSolrClient(), items, events)).refreshInterval(Duration.ZERO).build();
          KnowledgePush push = KnowledgePush.builder(later).build()) {
        assertEquals(Set.of("education"), push.subscriptions("alice"), "an instance opened later reads them");
        assertEquals(Set.of(), push.subscriptions("carol"));
      }
    } finally {
      pushes.forEach(KnowledgePush::close);
      kbs.forEach(KnowledgeBase::close);
    }
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
