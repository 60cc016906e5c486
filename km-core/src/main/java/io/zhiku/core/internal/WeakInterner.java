package io.zhiku.core.internal;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Shares one instance among equal values, holding each only weakly: a value no one else refers to any
 * more can be collected, and its entry goes with it. For values many items repeat (access lists, concept
 * sets), so that a table of a million items holds each distinct one once.
 *
 * <p>Thread-safe: {@link #intern} holds the interner's lock for a map operation. Values must be
 * immutable, with {@code equals} and {@code hashCode} consistent over their lifetime.
 *
 * @param <T> the value type
 */
public final class WeakInterner<T> {
  // The value is a weak reference to the key itself: a strong one would keep every key alive.
  private final Map<T, WeakReference<T>> canonical = new WeakHashMap<>();

  /**
   * The shared instance equal to a value: an earlier one still alive, else the value itself, kept from now on.
   *
   * @param value the value (not {@code null})
   * @return the shared instance, equal to {@code value}
   */
  public synchronized T intern(T value) {
    WeakReference<T> ref = canonical.get(value);
    T shared = ref == null ? null : ref.get();
    if (shared != null) {
      return shared;
    }
    canonical.put(value, new WeakReference<>(value));
    return value;
  }
}
