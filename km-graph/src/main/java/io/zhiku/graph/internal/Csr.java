package io.zhiku.graph.internal;

import io.zhiku.graph.GraphSnapshot;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A snapshot's arrays, for km-graph's own algorithms in other packages: for each node {@code v}, its
 * outgoing edges are {@code outStart[v]} to {@code outStart[v + 1] - 1}, with their targets, weights and
 * type numbers; {@code nodeTypes} holds each node's type number. The arrays are the snapshot's own and
 * must never be changed. Not API: the package is not exported.
 *
 * @param outStart where each node's outgoing edges start (one more entry than nodes)
 * @param outTarget each edge's target
 * @param outWeight each edge's weight
 * @param outType each edge's type number
 * @param nodeTypes each node's type number
 * @param incomingSide the incoming side, built on first use
 */
public record Csr(int[] outStart, int[] outTarget, float[] outWeight, byte[] outType, byte[] nodeTypes,
    Supplier<Incoming> incomingSide) {
  private static volatile Function<GraphSnapshot, Csr> access;

  /**
   * Called once by {@link GraphSnapshot} as it loads: how this class reads a snapshot's arrays.
   *
   * @param reader reads them
   */
  public static void install(Function<GraphSnapshot, Csr> reader) {
    access = reader;
  }

  /**
   * A snapshot's arrays.
   *
   * @param g the snapshot (its class is loaded, so the reader is installed)
   * @return the arrays
   */
  public static Csr of(GraphSnapshot g) {
    return access.apply(g);
  }

  /**
   * The incoming side.
   *
   * @return the incoming edges per node
   */
  public Incoming incoming() {
    return incomingSide.get();
  }
}
