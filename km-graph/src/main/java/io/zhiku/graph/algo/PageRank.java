package io.zhiku.graph.algo;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import io.zhiku.graph.EdgeDirection;
import io.zhiku.graph.EdgeType;
import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.Node;
import io.zhiku.graph.internal.Csr;
import java.util.HashMap;
import java.util.Map;

/**
 * PageRank over a snapshot's outgoing edges (or, with {@link Builder#direction}, incoming ones or both), weighted: a node passes its score on in proportion to its
 * edges' weights. With a personalisation (a "teleport" distribution over some nodes) it is personalised
 * PageRank: the walk restarts at those nodes instead of anywhere, which ranks nodes by closeness to them.
 * A node with no edge to follow (dangling) hands its score to the teleport distribution.
 *
 * <p>Each iteration: {@code next[v] = (1 - d) p[v] + d (sum over u->v of s[u] w(u,v) / W(u) + dangling
 * p[v])}, with {@code p} uniform unless personalised. It stops after the iterations, or sooner when no
 * score changes by more than the tolerance. Scores sum to 1.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()}.
 */
public final class PageRank implements NodeScoring {
  /** The most iterations. */
  public static final int MAX_ITERATIONS = 10_000;

  private final double damping;
  private final int iterations;
  private final double tolerance;
  private final Traversal edges;

  private PageRank(Builder b) {
    this.damping = b.damping;
    this.iterations = b.iterations;
    this.tolerance = b.tolerance;
    this.edges = new Traversal(b.direction, b.edgeTypes, java.util.Set.of());
  }

  /**
   * A builder with damping 0.85, 20 iterations, tolerance 0 (run every iteration) and every edge type.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Global PageRank.
   *
   * @param g the snapshot
   * @return the scores
   * @throws ValidationException if the snapshot is missing
   */
  @Override
  public NodeScores scores(GraphSnapshot g) {
    Checks.present("graph", g);
    int n = g.nodeCount();
    double[] p = new double[n];
    java.util.Arrays.fill(p, 1.0 / n);
    return new NodeScores(g, run(g, p));
  }

  /**
   * Personalised PageRank: the walk restarts at these nodes, in proportion to their weights.
   *
   * @param g the snapshot
   * @param restart nodes of the snapshot and their weights (finite, positive)
   * @return the scores
   * @throws ValidationException if a part is missing or empty, a node is not in the snapshot, or a
   *     weight is not finite and positive
   */
  public NodeScores personalised(GraphSnapshot g, Map<Node, Double> restart) {
    Checks.present("graph", g);
    Checks.present("restart", restart);
    if (restart.isEmpty()) {
      throw new ValidationException("restart", restart, "at least one node");
    }
    double[] p = new double[g.nodeCount()];
    double sum = 0;
    for (Map.Entry<Node, Double> r : new HashMap<>(restart).entrySet()) {
      int v = Nodes.index(g, "restart", r.getKey());
      Double w = r.getValue();
      if (w == null || !(w > 0) || w.isInfinite()) {
        throw new ValidationException("restart[" + r.getKey() + "]", w, "finite and greater than 0");
      }
      p[v] = w;
      sum += w;
    }
    for (int v = 0; v < p.length; v++) {
      p[v] /= sum;
    }
    return new NodeScores(g, run(g, p));
  }

  private double[] run(GraphSnapshot g, double[] p) {
    int n = g.nodeCount();
    if (n == 0) {
      return new double[0];
    }
    if (edges.direction() != EdgeDirection.OUT) {
      return run(g, p, edges.resolve(g));
    }
    Csr csr = Csr.of(g);
    int[] start = csr.outStart();
    int[] target = csr.outTarget();
    float[] weight = csr.outWeight();
    byte[] type = csr.outType();
    boolean[] follow = edges.resolveEdgeTypes(g);
    double[] share = new double[n]; // d / W(u), or 0 for a dangling node
    for (int u = 0; u < n; u++) {
      double w = 0;
      for (int e = start[u]; e < start[u + 1]; e++) {
        w += follow[type[e] & 0xff] ? weight[e] : 0;
      }
      share[u] = w > 0 ? damping / w : 0;
    }
    double[] s = p.clone();
    double[] next = new double[n];
    for (int it = 0; it < iterations; it++) {
      double dangling = 0;
      java.util.Arrays.fill(next, 0);
      for (int u = 0; u < n; u++) {
        double f = share[u];
        if (f == 0) {
          dangling += s[u];
          continue;
        }
        double out = s[u] * f;
        for (int e = start[u]; e < start[u + 1]; e++) {
          if (follow[type[e] & 0xff]) {
            next[target[e]] += out * weight[e];
          }
        }
      }
      double change = finish(s, next, p, dangling);
      double[] t = s;
      s = next;
      next = t;
      if (change <= tolerance) {
        break;
      }
    }
    return s;
  }

  /** The same iteration along the edges a traversal resolves (incoming, or both ways). */
  private double[] run(GraphSnapshot g, double[] p, Traversal.Resolved walk) {
    int n = g.nodeCount();
    double[] share = new double[n];
    for (int u = 0; u < n; u++) {
      double[] w = {0};
      walk.forEach(u, (t, weight) -> w[0] += weight);
      share[u] = w[0] > 0 ? damping / w[0] : 0;
    }
    double[] s = p.clone();
    double[] next = new double[n];
    for (int it = 0; it < iterations; it++) {
      double dangling = 0;
      java.util.Arrays.fill(next, 0);
      double[] into = next;
      for (int u = 0; u < n; u++) {
        if (share[u] == 0) {
          dangling += s[u];
          continue;
        }
        double out = s[u] * share[u];
        walk.forEach(u, (t, weight) -> into[t] += out * weight);
      }
      double change = finish(s, next, p, dangling);
      double[] t = s;
      s = next;
      next = t;
      if (change <= tolerance) {
        break;
      }
    }
    return s;
  }

  /** Adds the restart share to {@code next}; returns the largest change from {@code s}. */
  private double finish(double[] s, double[] next, double[] p, double dangling) {
    double restart = 1 - damping + damping * dangling;
    double change = 0;
    for (int v = 0; v < next.length; v++) {
      double x = next[v] + restart * p[v];
      change = Math.max(change, Math.abs(x - s[v]));
      next[v] = x;
    }
    return change;
  }

  /** Settings for {@link PageRank}; validated as set. Not thread-safe. */
  public static final class Builder {
    private double damping = 0.85;
    private int iterations = 20;
    private double tolerance = 0;
    private java.util.Set<EdgeType> edgeTypes = java.util.Set.of();
    private EdgeDirection direction = EdgeDirection.OUT;

    private Builder() {}

    /**
     * The damping factor: the chance the walk follows an edge rather than restarting.
     *
     * @param d 0 (exclusive) to 1 (exclusive)
     * @return this builder
     * @throws ValidationException if out of range
     */
    public Builder damping(double d) {
      if (!(d > 0 && d < 1)) {
        throw new ValidationException("damping", d, "between 0 and 1, both exclusive");
      }
      this.damping = d;
      return this;
    }

    /**
     * The most iterations.
     *
     * @param n 1 to {@value #MAX_ITERATIONS}
     * @return this builder
     * @throws ValidationException if out of range
     */
    public Builder iterations(int n) {
      if (n < 1 || n > MAX_ITERATIONS) {
        throw new ValidationException("iterations", n, "1 to " + MAX_ITERATIONS);
      }
      this.iterations = n;
      return this;
    }

    /**
     * Stop once no score changes by more than this in an iteration.
     *
     * @param t at least 0 (0: run every iteration)
     * @return this builder
     * @throws ValidationException if negative or not finite
     */
    public Builder tolerance(double t) {
      if (!(t >= 0) || Double.isInfinite(t)) {
        throw new ValidationException("tolerance", t, "finite and at least 0");
      }
      this.tolerance = t;
      return this;
    }

    /**
     * Follow only edges of these types (default: every type).
     *
     * @param types the edge types
     * @return this builder
     * @throws ValidationException if a type is missing
     */
    public Builder edgeTypes(EdgeType... types) {
      for (int i = 0; i < types.length; i++) {
        Checks.present("edgeTypes[" + i + "]", types[i]);
      }
      this.edgeTypes = java.util.Set.of(types);
      return this;
    }

    /**
     * Which way the walk goes along edges: {@link EdgeDirection#OUT} (default: PageRank), {@link
     * EdgeDirection#IN}, or {@link EdgeDirection#BOTH} (the undirected view; a self-loop counts once), for
     * "closeness" whichever way edges point, as expert finding uses it.
     *
     * @param d the direction
     * @return this builder
     * @throws ValidationException if it is missing
     */
    public Builder direction(EdgeDirection d) {
      this.direction = Checks.present("direction", d);
      return this;
    }

    /**
     * The algorithm with these settings.
     *
     * @return the PageRank
     */
    public PageRank build() {
      return new PageRank(this);
    }
  }
}
