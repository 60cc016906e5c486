package io.zhiku.core.event;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which usage events to count or read: a time window and filters that combine with AND (values within
 * one filter with OR). An empty filter matches every event. A value: immutable and thread-safe.
 *
 * @param from events at or after this instant, or {@code null} for no lower bound
 * @param before events before this instant, or {@code null} for no upper bound
 * @param types event types; empty for any
 * @param userIds the principals' user ids; empty for anyone
 * @param itemIds item ids; empty for any (events without an item match only an empty filter)
 * @param roles roles: an event matches if its context's role or one of its principal's roles is listed;
 *     empty for any
 * @param contextAttributes context attributes the event's work context must have, e.g. {@code
 *     industry=education}; empty for any
 */
public record EventQuery(
    Instant from,
    Instant before,
    Set<UsageEventType> types,
    Set<String> userIds,
    Set<String> itemIds,
    Set<String> roles,
    Map<String, String> contextAttributes) {
  /** The most values in one filter. */
  public static final int MAX_FILTER_VALUES = 4096;
  /** Every event. */
  public static final EventQuery ALL = builder().build();

  /**
   * Validates and copies.
   *
   * @param from events at or after this instant, or {@code null} for no lower bound
   * @param before events before this instant, or {@code null} for no upper bound
   * @param types event types; empty for any
   * @param userIds the principals' user ids; empty for anyone
   * @param itemIds item ids; empty for any (events without an item match only an empty filter)
   * @param roles roles: an event matches if its context's role or one of its principal's roles is listed;
   *     empty for any
   * @param contextAttributes context attributes the event's work context must have, e.g. {@code
   *     industry=education}; empty for any
   * @throws ValidationException if a filter is malformed or too long, or the window ends before it starts
   */
  public EventQuery {
    Checks.optionalInstant("EventQuery.from", from);
    Checks.optionalInstant("EventQuery.before", before);
    if (from != null && before != null && before.isBefore(from)) {
      throw new ValidationException("EventQuery.before", before, "must not be before EventQuery.from " + from);
    }
    types = Checks.set("EventQuery.types", types, MAX_FILTER_VALUES);
    userIds = Checks.ids("EventQuery.userIds", userIds, MAX_FILTER_VALUES);
    itemIds = Checks.ids("EventQuery.itemIds", itemIds, MAX_FILTER_VALUES);
    roles = Checks.ids("EventQuery.roles", roles, MAX_FILTER_VALUES);
    contextAttributes = Checks.map("EventQuery.contextAttributes", contextAttributes, WorkContext.MAX_ATTRIBUTES);
    contextAttributes.forEach((k, v) -> {
      Checks.key("EventQuery.contextAttributes", k);
      Checks.line("EventQuery.contextAttributes[" + k + "]", v, WorkContext.MAX_ATTRIBUTE_CHARS);
    });
  }

  /**
   * Starts building a query that matches every event.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link EventQuery}s. Not thread-safe. */
  public static final class Builder {
    private Instant from;
    private Instant before;
    private final Set<UsageEventType> types = new LinkedHashSet<>();
    private final Set<String> userIds = new LinkedHashSet<>();
    private final Set<String> itemIds = new LinkedHashSet<>();
    private final Set<String> roles = new LinkedHashSet<>();
    private final java.util.LinkedHashMap<String, String> attributes = new java.util.LinkedHashMap<>();

    private Builder() {}

    /**
     * Restricts to a time window.
     *
     * @param start events at or after it, or {@code null}
     * @param end events before it, or {@code null}
     * @return this builder
     */
    public Builder window(Instant start, Instant end) {
      this.from = start;
      this.before = end;
      return this;
    }

    /**
     * @param values event types to match
     * @return this builder
     */
    public Builder types(UsageEventType... values) {
      types.addAll(Set.of(values));
      return this;
    }

    /**
     * @param values user ids to match
     * @return this builder
     */
    public Builder users(String... values) {
      userIds.addAll(Set.of(values));
      return this;
    }

    /**
     * @param values item ids to match
     * @return this builder
     */
    public Builder items(String... values) {
      itemIds.addAll(Set.of(values));
      return this;
    }

    /**
     * @param values item ids to match
     * @return this builder
     */
    public Builder items(java.util.Collection<String> values) {
      itemIds.addAll(values);
      return this;
    }

    /**
     * @param values roles to match
     * @return this builder
     */
    public Builder roles(String... values) {
      roles.addAll(Set.of(values));
      return this;
    }

    /**
     * Requires a context attribute.
     *
     * @param key e.g. {@link WorkContext#INDUSTRY}
     * @param value its value
     * @return this builder
     */
    public Builder contextAttribute(String key, String value) {
      attributes.put(key, value);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the query
     * @throws ValidationException if a filter is malformed
     */
    public EventQuery build() {
      return new EventQuery(from, before, types, userIds, itemIds, roles, attributes);
    }
  }
}
