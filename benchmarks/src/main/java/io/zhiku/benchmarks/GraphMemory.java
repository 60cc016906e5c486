package io.zhiku.benchmarks;

import io.zhiku.graph.GraphSnapshot;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Heap used by the graph of {@link GraphBenchmark}, in Zhiku's snapshot (outgoing side only, then with the
 * incoming side built) and in JGraphT's {@code DirectedWeightedPseudograph}: heap in use after full
 * collections, with the edge list already held, before and after building.
 *
 * <p>Usage: {@code java -Xmx12g -cp benchmarks.jar io.zhiku.benchmarks.GraphMemory [nodes] [edges]}. Under
 * G1 (the default) a large array takes whole heap regions, so the figure includes their rounding; with
 * {@code -XX:+UseSerialGC} it is the arrays' own size.
 */
public final class GraphMemory {
  private GraphMemory() {}

  /**
   * Measures and prints.
   *
   * @param args optionally the node and edge counts
   */
  public static void main(String[] args) {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int edges = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
    PrintStream out = System.out;
    GraphBenchmark.EdgeList list = new GraphBenchmark.EdgeList(nodes, edges, 20261122L);
    long before = Heap.inUse();
    GraphSnapshot g = list.snapshot(nodes);
    long snapshot = Heap.inUse() - before;
    g.inDegree(0); // builds the incoming side
    long withIncoming = Heap.inUse() - before;
    int stored = g.edgeCount();
    long edgeArrays = 9L * stored;
    out.printf(Locale.ROOT, "collectors: %s%n", java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
    out.printf(Locale.ROOT, "graph: %,d nodes, %,d edges added, %,d stored (repeats merged)%n", nodes, edges, stored);
    out.printf(Locale.ROOT, "zhiku snapshot (outgoing side): %,d bytes = %.1f bytes/edge (edge arrays alone: %.1f; the rest is the node table)%n",
        snapshot, (double) snapshot / stored, (double) edgeArrays / stored);
    out.printf(Locale.ROOT, "zhiku snapshot with incoming side: %,d bytes = %.1f bytes/edge%n", withIncoming,
        (double) withIncoming / stored);
    g = null;
    before = Heap.inUse();
    org.jgrapht.Graph<Integer, org.jgrapht.graph.DefaultWeightedEdge> j = list.jgrapht(nodes);
    long jg = Heap.inUse() - before;
    out.printf(Locale.ROOT, "jgrapht DirectedWeightedPseudograph: %,d bytes = %.1f bytes/edge (%,d edges)%n", jg,
        (double) jg / edges, j.edgeSet().size());
  }
}
