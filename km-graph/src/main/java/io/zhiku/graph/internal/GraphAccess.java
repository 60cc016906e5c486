package io.zhiku.graph.internal;

import io.zhiku.core.access.Principal;
import io.zhiku.graph.KnowledgeGraph;
import java.util.Optional;

/**
 * What km-graph's own packages (expert finding, knowledge maps) read of a {@link KnowledgeGraph} beyond
 * its API: the item facts it keeps in memory. Not API: the package is not exported.
 */
public final class GraphAccess {
  /** Reads a graph's item facts. */
  public interface Reader {
    /**
     * Whether an item counts as evidence for a principal: it may read it, and it is not a draft.
     *
     * @param graph the graph
     * @param principal who is asking
     * @param itemId the item
     * @return the item's facts if it counts, else empty
     */
    Optional<ItemFacts> visibleFacts(KnowledgeGraph graph, Principal principal, String itemId);
  }

  private static volatile Reader reader;

  private GraphAccess() {}

  /**
   * Called once by {@link KnowledgeGraph} as it loads.
   *
   * @param r how to read a graph's facts
   */
  public static void install(Reader r) {
    reader = r;
  }

  /**
   * The facts of an item a principal may use as evidence.
   *
   * @param graph the graph (its class is loaded, so the reader is installed)
   * @param principal who is asking
   * @param itemId the item
   * @return the item's facts if it counts, else empty
   */
  public static Optional<ItemFacts> visibleFacts(KnowledgeGraph graph, Principal principal, String itemId) {
    return reader.visibleFacts(graph, principal, itemId);
  }
}
