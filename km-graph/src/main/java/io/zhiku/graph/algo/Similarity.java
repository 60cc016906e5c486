package io.zhiku.graph.algo;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import io.zhiku.graph.EdgeDirection;
import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.Node;
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
 * <p>Immutable and thread-safe; make one with {@link #of}.
 */
public final class Similarity implements NodeSimilarity {
  /** How similar two nodes are. */
  public enum Measure {
    /** Shared neighbours over all neighbours, 0 to 1. */
    JACCARD,
    /** Shared neighbours, each weighted by the inverse logarithm of its own neighbour count. */
    ADAMIC_ADAR
  }

  private final Traversal traversal;
  private final Measure measure;

  private Similarity(Traversal traversal, Measure measure) {
    this.traversal = traversal;
    this.measure = measure;
  }

  /**
   * A similarity measure over the neighbours a traversal gives.
   *
   * @param traversal which edges make neighbours
   * @param measure the measure
   * @return the similarity
   * @throws ValidationException if a part is missing
   */
  public static Similarity of(Traversal traversal, Measure measure) {
    return new Similarity(Checks.present("traversal", traversal), Checks.present("measure", measure));
  }

  @Override
  public double between(GraphSnapshot graph, Node a, Node b) {
    Checks.present("graph", graph);
    int u = Nodes.index(graph, "a", a);
    int v = Nodes.index(graph, "b", b);
    Neighbours nb = new Neighbours(graph, traversal);
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
   * {@inheritDoc} The nodes two steps away get a score, every other node 0 (the node itself too);
   * {@link NodeScores#top} gives the most related.
   */
  @Override
  public NodeScores to(GraphSnapshot graph, Node node) {
    Checks.present("graph", graph);
    int u = Nodes.index(graph, "node", node);
    Neighbours nb = new Neighbours(graph, traversal);
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
