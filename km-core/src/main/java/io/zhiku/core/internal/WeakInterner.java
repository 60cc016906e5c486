package io.zhiku.core.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Shares one instance among equal values, holding each only weakly: a value no one else refers to any
 * more can be collected, and its entry goes with it. For values many items repeat (access lists, concept
 * sets), so that a table of a million items holds each distinct one once.
 *
 * <p>Values are found by a hash the caller may choose: a set's own {@code hashCode} is the sum of its
 * elements' hashes, and the ids of groups or concepts ({@code g1}, {@code g2}, ...) have nearly consecutive
 * hashes, so thousands of distinct small sets share a few hundred sums and a hash table keyed by them
 * degrades to lists (opening a million items whose ACLs name one to three of 100 groups spent most of its
 * time comparing sets). {@link Hashes#ofSet} mixes each element's hash first.
 *
 * <p>Thread-safe: {@link #intern} holds the interner's lock. Values must be immutable, with {@code equals}
 * and the hash consistent over their lifetime.
 *
 * @param <T> the value type
 */
public final class WeakInterner<T> {
  private final ToIntFunction<? super T> hash;
  private final ReferenceQueue<T> collected = new ReferenceQueue<>();
  /** Per hash, the entry of the one value with that hash or an array of the entries of several. */
  private final Map<Integer, Object> byHash = new HashMap<>();

  /** An interner finding values by their own {@code hashCode}. */
  public WeakInterner() {
    this(Object::hashCode);
  }

  /**
   * An interner finding values by the given hash.
   *
   * @param hash a hash consistent with the values' {@code equals}
   */
  public WeakInterner(ToIntFunction<? super T> hash) {
    this.hash = hash;
  }

  /**
   * The shared instance equal to a value: an earlier one still alive, else the value itself, kept from now on.
   *
   * @param value the value (not {@code null})
   * @return the shared instance, equal to {@code value}
   */
  public synchronized T intern(T value) {
    expungeCollected();
    int h = hash.applyAsInt(value);
    Object at = byHash.get(h);
    if (at == null) {
      byHash.put(h, new Entry<>(value, h, collected));
      return value;
    }
    Entry<?>[] entries = at instanceof Entry<?> e ? new Entry<?>[] {e} : (Entry<?>[]) at;
    for (Entry<?> e : entries) {
      Object shared = e.get();
      if (value.equals(shared)) {
        @SuppressWarnings("unchecked") // only values of T are ever interned
        T t = (T) shared;
        return t;
      }
    }
    Entry<?>[] grown = Arrays.copyOf(entries, entries.length + 1);
    grown[entries.length] = new Entry<>(value, h, collected);
    byHash.put(h, grown);
    return value;
  }

  /**
   * How many values the interner holds (some of them perhaps collected but not yet removed).
   *
   * @return the count
   */
  public synchronized int size() {
    expungeCollected();
    int n = 0;
    for (Object at : byHash.values()) {
      n += at instanceof Entry<?> ? 1 : ((Entry<?>[]) at).length;
    }
    return n;
  }

  /**
   * Visits every value the interner holds that is still alive, each once, under the interner's lock.
   *
   * @param visitor what sees each value; it must not call back into this interner
   */
  public synchronized void forEach(Consumer<? super T> visitor) {
    expungeCollected();
    for (Object at : byHash.values()) {
      for (Entry<?> e : at instanceof Entry<?> one ? new Entry<?>[] {one} : (Entry<?>[]) at) {
        @SuppressWarnings("unchecked") // only values of T are ever interned
        T value = (T) e.get();
        if (value != null) {
          visitor.accept(value);
        }
      }
    }
  }

  /** Removes the entries of collected values. */
  private void expungeCollected() {
    for (var ref = collected.poll(); ref != null; ref = collected.poll()) {
      Entry<?> gone = (Entry<?>) ref;
      Object at = byHash.get(gone.hash);
      if (at == gone) {
        byHash.remove(gone.hash);
      } else if (at instanceof Entry<?>[] entries) {
        int i = 0;
        while (i < entries.length && entries[i] != gone) {
          i++;
        }
        if (i < entries.length) {
          Entry<?>[] rest = new Entry<?>[entries.length - 1];
          System.arraycopy(entries, 0, rest, 0, i);
          System.arraycopy(entries, i + 1, rest, i, rest.length - i);
          byHash.put(gone.hash, rest.length == 1 ? rest[0] : rest);
        }
      }
    }
  }

  /** A weakly held value with its hash, enqueued when the value is collected. */
  private static final class Entry<T> extends WeakReference<T> {
    final int hash;

    Entry(T value, int hash, ReferenceQueue<T> queue) {
      super(value, queue);
      this.hash = hash;
    }
  }
}
