package io.zhiku.core.internal;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Unmodifiable copies that keep insertion order, from the JDK alone: the value types promise their sets
 * and maps iterate in the order given (JSON output, labels, paths depend on it), which {@link Set#copyOf}
 * and {@link Map#copyOf} do not, and their {@code contains(null)} answers {@code false} instead of throwing,
 * as a host's code may ask it. Empty and one-element copies share the JDK's compact forms; sets of two
 * to eight elements are an array. Stateless and
 * thread-safe; the copies are safe to publish.
 */
public final class Immutables {
  private Immutables() {}

  /**
   * An unmodifiable copy in iteration order, duplicates dropped.
   *
   * @param values the elements (not {@code null}; elements are not checked here)
   * @param <T> the element type
   * @return the copy
   */
  public static <T> Set<T> set(Collection<? extends T> values) {
    return switch (values.size()) {
      case 0 -> Collections.emptySet();
      case 1 -> Collections.singleton(values.iterator().next());
      default -> own(new LinkedHashSet<>(values));
    };
  }

  /**
   * An unmodifiable view of a set the caller has just built and gives up: no copy (empty and one-element
   * sets still take the compact forms).
   *
   * @param owned a new set nobody else holds or changes
   * @param <T> the element type
   * @return the set, unmodifiable
   */
  public static <T> Set<T> own(LinkedHashSet<T> owned) {
    if (owned.size() < 2) {
      return set(owned);
    }
    return Collections.unmodifiableSet(owned.size() <= ArraySet.MAX ? new ArraySet<>(owned.toArray()) : owned);
  }

  /**
   * A few distinct elements in an array, in order, found by a linear scan: with its unmodifiable
   * wrapper about 56 bytes where a {@code LinkedHashSet} takes 200 (a million items' ACLs and concept
   * sets are mostly sets of two or three). Read through {@link Collections#unmodifiableSet} only.
   */
  private static final class ArraySet<T> extends AbstractSet<T> {
    static final int MAX = 8;
    private final Object[] elements;

    ArraySet(Object[] elements) {
      this.elements = elements;
    }

    @Override
    public boolean contains(Object o) {
      for (Object e : elements) {
        if (e.equals(o)) {
          return true;
        }
      }
      return false;
    }

    @Override
    @SuppressWarnings("unchecked") // only Ts were put in
    public Iterator<T> iterator() {
      return (Iterator<T>) Arrays.asList(elements).iterator();
    }

    @Override
    public int size() {
      return elements.length;
    }
  }

  /**
   * An unmodifiable view of a map the caller has just built and gives up: no copy (empty and one-entry
   * maps still take the compact forms).
   *
   * @param owned a new map nobody else holds or changes
   * @param <K> the key type
   * @param <V> the value type
   * @return the map, unmodifiable
   */
  public static <K, V> Map<K, V> own(LinkedHashMap<K, V> owned) {
    return owned.size() < 2 ? map(owned) : Collections.unmodifiableMap(owned);
  }

  /**
   * An unmodifiable copy in iteration order.
   *
   * @param values the elements (not {@code null}; elements are not checked here)
   * @param <T> the element type
   * @return the copy
   */
  public static <T> List<T> list(Collection<? extends T> values) {
    return switch (values.size()) {
      case 0 -> Collections.emptyList();
      case 1 -> Collections.singletonList(values.iterator().next());
      default -> Collections.unmodifiableList(new ArrayList<>(values));
    };
  }

  /**
   * An unmodifiable copy in the map's iteration order.
   *
   * @param values the entries (not {@code null}; keys and values are not checked here)
   * @param <K> the key type
   * @param <V> the value type
   * @return the copy
   */
  public static <K, V> Map<K, V> map(Map<? extends K, ? extends V> values) {
    if (values.isEmpty()) {
      return Collections.emptyMap();
    }
    if (values.size() == 1) {
      Map.Entry<? extends K, ? extends V> e = values.entrySet().iterator().next();
      return Collections.singletonMap(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * An unmodifiable copy of a multimap: every value set copied with {@link #set}, empty sets dropped, keys
   * in iteration order.
   *
   * @param values the entries (not {@code null})
   * @param <K> the key type
   * @param <V> the value type
   * @return the copy
   */
  public static <K, V> Map<K, Set<V>> setMultimap(Map<? extends K, ? extends Collection<? extends V>> values) {
    LinkedHashMap<K, Set<V>> out = new LinkedHashMap<>(values.size() * 4 / 3 + 1);
    values.forEach((k, v) -> {
      if (!v.isEmpty()) {
        out.put(k, set(v));
      }
    });
    return own(out);
  }
}
