package io.zhiku.graph;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import java.util.Arrays;

/**
 * Node similarity from shared neighbours, for "related" answers: items that share concepts and readers,
 * people who work on the same items. The neighbours of a node are the distinct other nodes one {@link
 * Traversal} step away (with {@link EdgeDirection#BOTH}, the undirected neighbourhood).
 *
 * <ul>
 *   <li>{@link Measure#JACCARD}: |N(a) ∩ N(b)| / |N(a) ∪ N(b)|, 0 when both are empty;
 *   <li>{@link Measure#ADAMIC_ADAR}: Σ over shared neighbours z of 1 / ln |N(z)|, so a rare shared
 *       neighbour (a niche concept) says more than a common one (a concept every item has).
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Similarity {
  /** How similar two nodes are. */
  public enum Measure {
    /** Shared neighbours over all neighbours, 0 to 1. */
    JACCARD,
    /** Shared neighbours, each weighted by the inverse logarithm of its own neighbour count. */
    ADAMIC_ADAR
  }

  private Similarity() {}

  /**
   * How similar two nodes are.
   *
   * @param graph the snapshot
   * @param a one node
   * @param b the other
   * @param traversal which edges make neighbours
   * @param measure the measure
   * @return the similarity, 0 if they share no neighbour
   * @throws ValidationException if a part is missing or a node is not in the snapshot
   */
  public static double between(GraphSnapshot graph, Node a, Node b, Traversal traversal, Measure measure) {
    Checks.present("graph", graph);
    int u = require(graph, a, "a");
    int v = require(graph, b, "b");
    Checks.present("measure", measure);
    Neighbours nb = new Neighbours(graph, Checks.present("traversal", traversal));
    int[] nu = nb.of(u);
    int[] nv = nb.of(v);
    Arrays.sort(nu);
    Arrays.sort(nv);
    double sum = 0;
    int shared = 0;
    for (int i = 0, j = 0; i < nu.length && j < nv.length; ) {
      if (nu[i] < nv[j]) {
        i++;
      } else if (nu[i] > nv[j]) {
        j++;
      } else {
        shared++;
        sum += 1 / Math.log(nb.of(nu[i]).length);
        i++;
        j++;
      }
    }
    if (measure == Measure.ADAMIC_ADAR) {
      return sum;
    }
    int union = nu.length + nv.length - shared;
    return union == 0 ? 0 : (double) shared / union;
  }

  /**
   * How similar every node is to one node: the nodes two steps away get a score, every other node 0
   * (the node itself too).
   *
   * @param graph the snapshot
   * @param node the node
   * @param traversal which edges make neighbours
   * @param measure the measure
   * @return a score per node; {@link NodeScores#top} gives the most related
   * @throws ValidationException if a part is missing or the node is not in the snapshot
   */
  public static NodeScores to(GraphSnapshot graph, Node node, Traversal traversal, Measure measure) {
    Checks.present("graph", graph);
    int u = require(graph, node, "node");
    Checks.present("measure", measure);
    Neighbours nb = new Neighbours(graph, Checks.present("traversal", traversal));
    double[] score = new double[graph.nodeCount()];
    int[] shared = new int[graph.nodeCount()];
    int[] nu = nb.of(u);
    int[] candidates = new int[16];
    int found = 0;
    for (int z : nu) {
      int[] nz = nb.of(z);
      double weight = 1 / Math.log(nz.length);
      for (int w : nz) {
        if (w == u) {
          continue;
        }
        if (shared[w]++ == 0) {
          if (found == candidates.length) {
            candidates = Arrays.copyOf(candidates, 2 * found);
          }
          candidates[found++] = w;
        }
        score[w] += weight;
      }
    }
    if (measure == Measure.JACCARD) {
      for (int i = 0; i < found; i++) {
        int w = candidates[i];
        score[w] = (double) shared[w] / (nu.length + nb.of(w).length - shared[w]);
      }
    }
    return new NodeScores(graph, score);
  }

  private static int require(GraphSnapshot graph, Node node, String field) {
    int i = graph.indexOf(Checks.present(field, node));
    if (i < 0) {
      throw new ValidationException(field, node, "a node of the snapshot");
    }
    return i;
  }

  /** The distinct neighbours of a node, other than itself. Not thread-safe: one per call. */
  private static final class Neighbours {
    private final Traversal.Resolved walk;
    private final int[] seenAt;
    private int stamp;
    private int[] buffer = new int[16];
    private int size;
    private int self;

    Neighbours(GraphSnapshot graph, Traversal traversal) {
      this.walk = traversal.resolve(graph);
      this.seenAt = new int[graph.nodeCount()];
    }

    int[] of(int v) {
      stamp++;
      size = 0;
      self = v;
      walk.forEach(v, this::step);
      return Arrays.copyOf(buffer, size);
    }

    private void step(int other, float weight) {
      if (other == self || seenAt[other] == stamp) {
        return;
      }
      seenAt[other] = stamp;
      if (size == buffer.length) {
        buffer = Arrays.copyOf(buffer, 2 * size);
      }
      buffer[size++] = other;
    }
  }
}
