package io.zhiku.core.kb;

import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.internal.StringIds;
import io.zhiku.core.internal.UseWeights;
import io.zhiku.core.spi.Popularity;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Everyone's decayed uses of each item, for the search ranking's popularity boost: fed with every event
 * the knowledge base stores, rebuilt from the event store when it opens. Each event weighs as {@link
 * UseWeights#use} says; a sum is kept relative to a reference time, so that an event at time t adds
 * {@code w * 2^((t - ref) / halfLife)} and reading at {@code now} multiplies by {@code 2^((ref - now) /
 * halfLife)}; when the exponent grows large, every sum is rebased. A double per item ever used and its
 * number in a {@link StringIds} (about 30 bytes per item, the id string shared with the item table); a
 * snapshot holds a float per item and a copy of the numbering's slots (about 16).
 *
 * <p>Thread-safe: {@link #add} is synchronized (the background count of {@link UsageCount} and the events
 * recorded meanwhile add alike); {@link #at} hands out immutable snapshots.
 */
final class UsagePopularity {
  private static final double REBASE_EXPONENT = 60;

  private final double halfLifeMillis;
  private final UnaryOperator<String> canonical;
  private final StringIds numbers = new StringIds();
  private double[] sums = new double[64];
  private long reference = Long.MIN_VALUE;
  private volatile Snapshot snapshot;
  /** False while the stored events are counted in the background: the boost then ranks nothing. */
  private volatile boolean complete = true;

  /**
   * @param halfLife how fast a use fades
   * @param canonical the instance of an item id to keep (one shared with the item table, so that the id
   *     is held once)
   */
  UsagePopularity(Duration halfLife, UnaryOperator<String> canonical) {
    this.halfLifeMillis = halfLife.toMillis();
    this.canonical = canonical;
  }

  /** Says that the stored events are being counted in the background: {@link #at} gives no boost until then. */
  void countStarted() {
    complete = false;
  }

  /** Says that the background count has finished (or stopped): {@link #at} gives what was counted. */
  void countFinished() {
    snapshot = null;
    complete = true;
  }

  /** The last snapshot and when it was taken. */
  private record Snapshot(Popularity popularity, long takenMillis) {}

  void add(UsageEvent e) {
    if (e.itemId() != null) {
      add(e.time().toEpochMilli(), UseWeights.use(e.type().name(), e.value() == null ? Double.NaN : e.value()), e.itemId());
    }
  }

  void add(EventRow r) {
    String type = r.type();
    if (UseWeights.COUNTED.contains(type) && r.itemId() != null) { // skip reading the other columns
      add(r.timeMillis(), UseWeights.use(type, r.value()), r.itemId());
    }
  }

  private synchronized void add(long time, double weight, String itemId) {
    if (weight == 0) {
      return;
    }
    if (reference == Long.MIN_VALUE) {
      reference = time;
    }
    double exponent = (time - reference) / halfLifeMillis;
    if (exponent > REBASE_EXPONENT) {
      double factor = Math.pow(2, -exponent);
      for (int i = 0; i < numbers.size(); i++) {
        sums[i] *= factor;
      }
      reference = time;
      exponent = 0;
    }
    int n = numbers.find(itemId);
    if (n < 0) {
      n = numbers.add(canonical.apply(itemId));
      if (n == sums.length) {
        sums = Arrays.copyOf(sums, n * 2);
      }
    }
    sums[n] += weight * Math.pow(2, exponent);
  }

  /**
   * A snapshot of everyone's decayed uses, taken again when the last one is {@value
   * Popularity#REFRESH_SECONDS} seconds older than {@code nowMillis} (or younger: the clock went back).
   *
   * @param nowMillis the time of the search
   * @return the snapshot, decayed to the time it was taken; {@link Popularity#NONE} while no item has been
   *     used or the stored events are being counted in the background
   */
  Popularity at(long nowMillis) {
    if (!complete) {
      return Popularity.NONE;
    }
    Snapshot s = snapshot;
    if (s != null && Math.abs(nowMillis - s.takenMillis()) < Popularity.REFRESH_SECONDS * 1000L) {
      return s.popularity();
    }
    Popularity p;
    synchronized (this) {
      int size = numbers.size();
      if (size == 0) {
        p = Popularity.NONE;
      } else {
        double factor = Math.pow(2, (reference - nowMillis) / halfLifeMillis);
        float[] uses = new float[size];
        for (int i = 0; i < size; i++) {
          uses[i] = (float) Math.max(0, sums[i] * factor);
        }
        StringIds.Frozen ids = numbers.frozen();
        p = id -> {
          int n = ids.find(id);
          return n < 0 ? 0 : uses[n];
        };
      }
    }
    snapshot = new Snapshot(p, nowMillis);
    return p;
  }
}
