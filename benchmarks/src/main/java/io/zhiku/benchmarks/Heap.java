package io.zhiku.benchmarks;

/** The heap measure the memory programs share. */
final class Heap {
  private Heap() {}

  /**
   * The heap in use after full collections.
   *
   * @return bytes
   */
  static long inUse() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
