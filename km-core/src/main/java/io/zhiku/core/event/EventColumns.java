package io.zhiku.core.event;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a block scan ({@link EventBlock}) reads: the event types it tells apart, and which further columns
 * it reads for which of them. Every block has each event's time, type and user; a column is read only for
 * the types that need it (a search's result count, a rating's value), which is what makes a scan of a
 * year of events cheap. A value: immutable and thread-safe.
 *
 * @param types the types told apart, in order: {@link EventBlock#type(int)} is an index into this list,
 *     or -1 for an event of another type (a scan whose query names no types meets them)
 * @param reads for each column, the types it is read for (a subset of {@code types})
 * @param attributes for each context attribute key, the types it is read for (a subset of {@code types});
 *     {@link EventBlock#attributeNumber(int, int)} numbers keys in this map's order
 */
public record EventColumns(
    List<UsageEventType> types, Map<Column, Set<UsageEventType>> reads, Map<String, Set<UsageEventType>> attributes) {
  /** The most types one scan tells apart. */
  public static final int MAX_TYPES = EventQuery.MAX_FILTER_VALUES;

  /** The columns read only for the types that ask for them. */
  public enum Column {
    /** The item: {@link EventBlock#itemNumber(int)} and {@link EventBlock#itemId(int)}. */
    ITEM,
    /** The value: {@link EventBlock#value(int)}. */
    VALUE,
    /** A search's result count: {@link EventBlock#resultCount(int)}. */
    RESULT_COUNT
  }

  /**
   * Validates and copies.
   *
   * @param types the types told apart, in order: {@link EventBlock#type(int)} is an index into this list,
   *     or -1 for an event of another type (a scan whose query names no types meets them)
   * @param reads for each column, the types it is read for (a subset of {@code types})
   * @param attributes for each context attribute key, the types it is read for (a subset of {@code types});
   *     {@link EventBlock#attributeNumber(int, int)} numbers keys in this map's order
   * @throws ValidationException if a type is missing or listed twice, there are more than {@value #MAX_TYPES}
   *     types or {@value WorkContext#MAX_ATTRIBUTES} attribute keys, a key is malformed, or a column or
   *     attribute is read for a type that is not in {@code types}
   */
  public EventColumns {
    types = Checks.list("EventColumns.types", types, MAX_TYPES);
    Set<UsageEventType> seen = new HashSet<>();
    for (UsageEventType t : types) {
      if (!seen.add(t)) {
        throw new ValidationException("EventColumns.types", t, "each type once");
      }
    }
    Map<Column, Set<UsageEventType>> r = new EnumMap<>(Column.class);
    Checks.map("EventColumns.reads", reads, Column.values().length)
        .forEach((c, ts) -> r.put(c, subset("EventColumns.reads[" + c + "]", ts, seen)));
    reads = Map.copyOf(r);
    Map<String, Set<UsageEventType>> a = new LinkedHashMap<>();
    Checks.map("EventColumns.attributes", attributes, WorkContext.MAX_ATTRIBUTES)
        .forEach((k, ts) -> a.put(Checks.key("EventColumns.attributes", k), subset("EventColumns.attributes[" + k + "]", ts, seen)));
    attributes = java.util.Collections.unmodifiableMap(a);
  }

  private static Set<UsageEventType> subset(String field, Set<UsageEventType> values, Set<UsageEventType> types) {
    Set<UsageEventType> out = Checks.set(field, values, MAX_TYPES);
    for (UsageEventType t : out) {
      if (!types.contains(t)) {
        throw new ValidationException(field, t, "one of EventColumns.types " + types);
      }
    }
    return out;
  }

  /**
   * Starts building: no types, no columns beyond time, type and user.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The index of a type in {@link #types()}.
   *
   * @param type the type
   * @return its index, or -1 if it is not told apart
   */
  public int typeIndex(UsageEventType type) {
    return types.indexOf(type);
  }

  /**
   * Whether a column is read for the events of a type.
   *
   * @param column the column
   * @param typeIndex an index into {@link #types()}, or -1 for other types
   * @return whether it is read
   */
  public boolean reads(Column column, int typeIndex) {
    return typeIndex >= 0 && reads.getOrDefault(column, Set.of()).contains(types.get(typeIndex));
  }

  /**
   * The attribute keys, in the order {@link EventBlock#attributeNumber(int, int)} numbers them.
   *
   * @return the keys
   */
  public List<String> attributeKeys() {
    return List.copyOf(attributes.keySet());
  }

  /**
   * Whether an attribute is read for the events of a type.
   *
   * @param key an index into {@link #attributeKeys()}
   * @param typeIndex an index into {@link #types()}, or -1 for other types
   * @return whether it is read
   * @throws IndexOutOfBoundsException if the key is not an index into the keys
   */
  public boolean readsAttribute(int key, int typeIndex) {
    Iterator<Set<UsageEventType>> inKeyOrder = attributes.values().iterator();
    for (int i = Objects.checkIndex(key, attributes.size()); i > 0; i--) {
      inKeyOrder.next();
    }
    Set<UsageEventType> forTypes = inKeyOrder.next();
    return typeIndex >= 0 && forTypes.contains(types.get(typeIndex));
  }

  /**
   * Builds {@link EventColumns}, merging what several readers ask for: a type, column or attribute asked
   * for twice is read once. Not thread-safe.
   */
  public static final class Builder {
    private final Set<UsageEventType> types = new LinkedHashSet<>();
    private final Map<Column, Set<UsageEventType>> reads = new EnumMap<>(Column.class);
    private final Map<String, Set<UsageEventType>> attributes = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Tells these types apart.
     *
     * @param more the types
     * @return this builder
     * @throws ValidationException if a type is missing
     */
    public Builder types(UsageEventType... more) {
      for (UsageEventType t : Checks.present("types", more)) {
        types.add(Checks.present("types[]", t));
      }
      return this;
    }

    /**
     * Reads a column for the events of some types (which are told apart too).
     *
     * @param column the column
     * @param forTypes the types
     * @return this builder
     * @throws ValidationException if the column or a type is missing
     */
    public Builder read(Column column, UsageEventType... forTypes) {
      types(forTypes);
      reads.computeIfAbsent(Checks.present("column", column), c -> new LinkedHashSet<>()).addAll(List.of(forTypes));
      return this;
    }

    /**
     * Reads a context attribute for the events of some types (which are told apart too).
     *
     * @param key the attribute's key
     * @param forTypes the types
     * @return this builder
     * @throws ValidationException if the key is missing or malformed, or a type is missing
     */
    public Builder attribute(String key, UsageEventType... forTypes) {
      Checks.key("key", key);
      types(forTypes);
      attributes.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(List.of(forTypes));
      return this;
    }

    /**
     * @return the columns
     * @throws ValidationException if there are too many types or attribute keys
     */
    public EventColumns build() {
      return new EventColumns(List.copyOf(types), reads, attributes);
    }
  }
}
