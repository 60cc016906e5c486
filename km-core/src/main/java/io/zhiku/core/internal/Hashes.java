package io.zhiku.core.internal;

import java.util.Collection;

/** Hashes for values used as keys of large tables. */
public final class Hashes {
  private Hashes() {}

  /**
   * A hash of a set consistent with {@link java.util.Set#equals} (order-independent) but spread: the sum of
   * its elements' hashes, each mixed first (MurmurHash3's finaliser), so that sets of ids with nearly
   * consecutive hashes ({@code g1}, {@code g2}, ...) do not collide as their plain sums do.
   *
   * @param set the set's elements, each once
   * @return the hash
   */
  public static int ofSet(Collection<?> set) {
    int h = 0;
    for (Object e : set) {
      h += mix(e.hashCode());
    }
    return h;
  }

  /**
   * MurmurHash3's 32-bit finaliser: every input bit affects every output bit.
   *
   * @param h a hash
   * @return the mixed hash
   */
  public static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
