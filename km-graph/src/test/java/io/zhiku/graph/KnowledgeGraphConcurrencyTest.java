package io.zhiku.graph;

import static io.zhiku.graph.GraphFixtures.ALICE;
import static io.zhiku.graph.GraphFixtures.T0;
import static io.zhiku.graph.GraphFixtures.edges;
import static io.zhiku.graph.GraphFixtures.item;
import static io.zhiku.graph.GraphFixtures.kb;
import static io.zhiku.graph.GraphFixtures.nodes;
import static io.zhiku.graph.GraphFixtures.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.graph.algo.Neighbourhood;
import io.zhiku.graph.algo.PageRank;
import io.zhiku.graph.algo.Traversal;
import io.zhiku.testkit.Seeded;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers and writers at once: host writers add and then remove edges in order, an item writer puts items
 * (every other one hidden from Alice), an event writer records uses, while readers take whole and
 * per-principal snapshots and run algorithms on them. Whatever the interleaving:
 *
 * <ul>
 *   <li>a snapshot shows each writer's changes as a prefix of its sequence (no torn or reordered view),
 *       and later snapshots never go back;
 *   <li>a snapshot, once taken, never changes;
 *   <li>Alice's snapshot never holds an item she may not read, or its author;
 *   <li>at the end the graph equals the one built from the final state, and so does the reopened graph.
 * </ul>
 */
@Seeded
class KnowledgeGraphConcurrencyTest {
  private static final int HOST_WRITERS = 2;
  private static final int STEPS = 150;
  private static final int ITEMS = 60;
  private static final int EVENTS = 200;
  private static final Principal USER = Principal.of("user");

  @RepeatedTest(3)
  void readersAndWritersAtOnce_seeSnapshotsThatAreWholePrefixes(Random r, @TempDir Path dir) throws Exception {
    long seed = r.nextLong();
    KnowledgeBase kb = kb().directory(dir.resolve("kb")).build();
    KnowledgeGraph graph = graph(kb, dir);
    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(HOST_WRITERS + 4);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < HOST_WRITERS; w++) {
        int writer = w;
        writers.add(pool.submit(task(go, () -> {
          Node team = team(writer);
          for (int i = 0; i < STEPS; i++) {
            graph.putEdge(new Edge(team, EdgeType.PART_OF, project(writer, i), 1));
          }
          for (int i = 0; i < STEPS / 2; i++) {
            assertTrue(graph.removeEdge(team, EdgeType.PART_OF, project(writer, i)));
          }
          return null;
        })));
      }
      writers.add(pool.submit(task(go, () -> {
        for (int i = 0; i < ITEMS; i++) {
          kb.put(item("c" + i, i % 2 == 0 ? Acl.PUBLIC : Acl.users("bob"), List.of("vpn"), "author" + i));
        }
        return null;
      })));
      writers.add(pool.submit(task(go, () -> {
        for (int i = 0; i < EVENTS; i++) {
          kb.record(UsageEvent.ofItem(UsageEventType.REUSE, T0, USER, "c0"));
        }
        return null;
      })));
      List<Future<Integer>> readers = new ArrayList<>();
      for (int k = 0; k < 2; k++) {
        Random mine = new Random(seed + k);
        readers.add(pool.submit(task(go, () -> read(graph, writing, mine))));
      }
      go.countDown();
      for (Future<?> f : writers) {
        f.get(2, TimeUnit.MINUTES);
      }
      writing.set(false);
      for (Future<Integer> f : readers) {
        assertTrue(f.get(2, TimeUnit.MINUTES) > 0, "every reader took snapshots");
      }
    } finally {
      pool.shutdownNow();
    }

    Map<String, Double> end = edges(graph.snapshot());
    for (int w = 0; w < HOST_WRITERS; w++) {
      assertEquals(range(STEPS / 2, STEPS), projects(graph.snapshot(), w), "writer " + w);
    }
    assertEquals(ITEMS, itemsAbout(graph.snapshot()).size());
    assertEquals(EVENTS, usedWeight(graph.snapshot()), 1e-9, "every event's weight");
    assertEquals(expectedForAlice(), itemsAbout(graph.snapshot(ALICE)));
    graph.commit();
    graph.close();
    kb.close();
    try (KnowledgeBase again = kb().directory(dir.resolve("kb")).build();
        KnowledgeGraph reopened = graph(again, dir)) {
      assertEquals(end, edges(reopened.snapshot()), "the reopened graph is the committed one");
    }
  }

  /** The graph under test: each reuse adds 1 to the user's {@code used} edge. */
  private static KnowledgeGraph graph(KnowledgeBase kb, Path dir) {
    return KnowledgeGraph.builder(kb).directory(dir.resolve("graph")).eventEdge(UsageEventType.REUSE, EdgeType.USED, 1)
        .build();
  }

  /** Takes snapshots until the writers are done, checking each; returns how many it took. */
  private static int read(KnowledgeGraph graph, AtomicBoolean writing, Random r) {
    int[] seenLow = new int[HOST_WRITERS];
    int[] seenHigh = new int[HOST_WRITERS];
    int seenItems = 0;
    double seenUses = 0;
    int taken = 0;
    GraphSnapshot earlier = null;
    Map<String, Double> earlierEdges = null;
    do {
      GraphSnapshot g = graph.snapshot();
      taken++;
      for (int w = 0; w < HOST_WRITERS; w++) {
        TreeSet<Integer> present = projects(g, w);
        int low = present.isEmpty() ? seenLow[w] : present.first();
        int high = present.isEmpty() ? low : present.last() + 1;
        assertEquals(range(low, high), present, "writer " + w + ": a run of its edges, nothing torn");
        assertTrue(low >= seenLow[w] && high >= seenHigh[w], "writer " + w + ": never back in time");
        seenLow[w] = low;
        seenHigh[w] = high;
      }
      Set<String> items = itemsAbout(g);
      assertEquals(range(0, items.size()).stream().map(i -> "c" + i).collect(java.util.stream.Collectors.toSet()), items,
          "items appear in the order they were put");
      assertTrue(items.size() >= seenItems);
      seenItems = items.size();
      double uses = usedWeight(g);
      assertTrue(uses >= seenUses, "use weights only grow");
      seenUses = uses;
      if (r.nextInt(4) == 0) {
        for (Node n : nodes(graph.snapshot(ALICE))) {
          assertFalse(n.type().equals(NodeType.ITEM) && Integer.parseInt(n.id().substring(1)) % 2 == 1,
              "Alice sees no hidden item: " + n);
          assertFalse(n.type().equals(NodeType.PERSON) && n.id().startsWith("author")
              && Integer.parseInt(n.id().substring(6)) % 2 == 1, "nor its author: " + n);
        }
      }
      if (r.nextInt(8) == 0) {
        PageRank.builder().iterations(5).build().scores(g);
        if (g.nodeCount() > 0) {
          Neighbourhood.within(g, g.indexOf(item("c0")) >= 0 ? item("c0") : g.node(0), 2, Traversal.BOTH);
        }
      }
      if (earlier != null) {
        assertEquals(earlierEdges, edges(earlier), "a snapshot never changes");
      }
      if (r.nextInt(10) == 0) {
        earlier = g;
        earlierEdges = edges(g);
      }
    } while (writing.get());
    return taken;
  }

  private static <T> Callable<T> task(CountDownLatch go, Callable<T> body) {
    return () -> {
      go.await();
      return body.call();
    };
  }

  private static Node team(int writer) {
    return Node.of(NodeType.TEAM, "team" + writer);
  }

  private static Node project(int writer, int i) {
    return Node.of(NodeType.PROJECT, "p" + writer + "-" + i);
  }

  /** Which of a writer's projects the snapshot links its team to. */
  private static TreeSet<Integer> projects(GraphSnapshot g, int writer) {
    TreeSet<Integer> out = new TreeSet<>();
    int team = g.indexOf(team(writer));
    if (team < 0) {
      return out;
    }
    g.forEachEdge(team, EdgeDirection.OUT, (other, type, weight) -> {
      String id = g.node(other).id();
      out.add(Integer.parseInt(id.substring(id.indexOf('-') + 1)));
    });
    return out;
  }

  private static TreeSet<Integer> range(int from, int to) {
    TreeSet<Integer> out = new TreeSet<>();
    for (int i = from; i < to; i++) {
      out.add(i);
    }
    return out;
  }

  /** The ids of the items with an {@code about} edge. */
  private static Set<String> itemsAbout(GraphSnapshot g) {
    Set<String> out = new java.util.HashSet<>();
    for (Edge e : g.edges()) {
      if (e.type().equals(EdgeType.ABOUT) && e.source().type().equals(NodeType.ITEM)) {
        out.add(e.source().id());
      }
    }
    return out;
  }

  private static Set<String> expectedForAlice() {
    Set<String> out = new java.util.HashSet<>();
    for (int i = 0; i < ITEMS; i += 2) {
      out.add("c" + i);
    }
    return out;
  }

  /** The weight of the user's {@code used} edge to item c0 (0 before the first event). */
  private static double usedWeight(GraphSnapshot g) {
    Map<String, Double> weights = new HashMap<>();
    int user = g.indexOf(person(USER.userId()));
    if (user >= 0) {
      g.forEachEdge(user, EdgeDirection.OUT, (other, type, weight) -> {
        if (type.equals(EdgeType.USED)) {
          weights.merge(g.node(other).id(), weight, Double::sum);
        }
      });
    }
    return weights.getOrDefault("c0", 0.0);
  }
}
