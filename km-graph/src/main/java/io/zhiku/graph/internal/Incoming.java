package io.zhiku.graph.internal;

import java.util.Arrays;

/**
 * The incoming side of a snapshot's edges: for each node, the sources of its incoming edges (in
 * increasing order) and the edges' positions in the outgoing arrays. Built once per snapshot, on first
 * use. Not API. Immutable once built.
 */
public final class Incoming {
  /** For node {@code v}, its incoming edges are {@code start[v]} to {@code start[v + 1] - 1}. */
  public final int[] start;
  /** The source of each incoming edge. */
  public final int[] source;
  /** The position of each incoming edge in the outgoing arrays. */
  public final int[] edge;

  /**
   * Builds the incoming side.
   *
   * @param n the number of nodes
   * @param outStart the outgoing edges' starts per node
   * @param outTarget the outgoing edges' targets
   */
  public Incoming(int n, int[] outStart, int[] outTarget) {
    start = new int[n + 1];
    for (int t : outTarget) {
      start[t + 1]++;
    }
    for (int v = 0; v < n; v++) {
      start[v + 1] += start[v];
    }
    source = new int[outTarget.length];
    edge = new int[outTarget.length];
    int[] next = Arrays.copyOf(start, n);
    for (int v = 0; v < n; v++) { // sources in increasing order: each node's list is sorted by source
      for (int e = outStart[v]; e < outStart[v + 1]; e++) {
        int at = next[outTarget[e]]++;
        source[at] = v;
        edge[at] = e;
      }
    }
  }
}
