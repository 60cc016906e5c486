package io.zhiku.core.event;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.internal.Checks;

import java.time.Instant;

/**
 * Something a person did with knowledge: viewed, searched, reused, rated, accepted a push, answered a
 * question... Usage events are the raw material of everything dynamic in Zhiku: popularity, co-usage,
 * expert evidence and every KPI.
 *
 * <p>A value: immutable and thread-safe. Requirements by type: see {@link UsageEventType}; a search
 * carries its query and result count, a rating its value, an item event its item id.
 *
 * @param id an id the host gives the event to make recording idempotent, or {@code null}
 * @param type what happened
 * @param time when, from the host's clock
 * @param principal who did it
 * @param itemId the item concerned, or {@code null}
 * @param context the work context it happened in, or {@code null}
 * @param query the search query or question text (single line, at most {@value #MAX_QUERY_CHARS}
 *     characters), or {@code null}
 * @param resultCount how many results a search found (required for searches, never negative; past the
 *     search's {@link io.zhiku.core.search.SearchRequest#totalHitsThreshold()} a lower bound), or {@code null}
 * @param value a number that qualifies the event (a rating, minutes saved), finite, or {@code null}
 */
public record UsageEvent(
    String id,
    UsageEventType type,
    Instant time,
    Principal principal,
    String itemId,
    WorkContext context,
    String query,
    Integer resultCount,
    Double value) {
  /** The longest query, in characters. */
  public static final int MAX_QUERY_CHARS = 4096;

  /**
   * Validates.
   *
   * @param id an id the host gives the event to make recording idempotent, or {@code null}
   * @param type what happened
   * @param time when, from the host's clock
   * @param principal who did it
   * @param itemId the item concerned, or {@code null}
   * @param context the work context it happened in, or {@code null}
   * @param query the search query or question text (single line, at most {@value #MAX_QUERY_CHARS}
   *     characters), or {@code null}
   * @param resultCount how many results a search found (required for searches, never negative; past the
   *     search's {@link io.zhiku.core.search.SearchRequest#totalHitsThreshold()} a lower bound), or {@code null}
   * @param value a number that qualifies the event (a rating, minutes saved), finite, or {@code null}
   * @throws ValidationException if a part is malformed or a part the type requires is missing
   */
  public UsageEvent {
    id = Checks.optionalId("UsageEvent.id", id);
    Checks.present("UsageEvent.type", type);
    Checks.instant("UsageEvent.time", time);
    Checks.present("UsageEvent.principal", principal);
    itemId = Checks.optionalId("UsageEvent.itemId", itemId);
    query = Checks.optionalLine("UsageEvent.query", query, MAX_QUERY_CHARS);
    if (resultCount != null && resultCount < 0) {
      throw new ValidationException("UsageEvent.resultCount", resultCount, "must not be negative");
    }
    if (value != null && !Double.isFinite(value)) {
      throw new ValidationException("UsageEvent.value", value, "must be a finite number");
    }
    if (type.requiresItem() && itemId == null) {
      throw new ValidationException("UsageEvent.itemId", null, "a " + type + " event must name an item");
    }
    if (type.requiresQuery() && query == null) {
      throw new ValidationException("UsageEvent.query", null, "a " + type + " event must carry its query");
    }
    if (type.equals(UsageEventType.SEARCH) && resultCount == null) {
      throw new ValidationException("UsageEvent.resultCount", null, "a search event must carry its result count");
    }
    if (type.requiresValue() && value == null) {
      throw new ValidationException("UsageEvent.value", null, "a " + type + " event must carry its value");
    }
    if (context != null && !context.principal().equals(principal)) {
      throw new ValidationException(
          "UsageEvent.context", context.principal().userId(), "the context's principal must be the event's principal " + principal.userId());
    }
  }

  /**
   * An event about an item (view, click, reuse, push-shown...).
   *
   * @param type the type
   * @param time when
   * @param principal who
   * @param itemId which item
   * @return the event
   */
  public static UsageEvent ofItem(UsageEventType type, Instant time, Principal principal, String itemId) {
    return new UsageEvent(null, type, time, principal, itemId, null, null, null, null);
  }

  /**
   * A search event.
   *
   * @param time when
   * @param principal who
   * @param query the query text
   * @param resultCount how many results it found
   * @param context where, or {@code null}
   * @return the event
   */
  public static UsageEvent ofSearch(Instant time, Principal principal, String query, int resultCount, WorkContext context) {
    return new UsageEvent(null, UsageEventType.SEARCH, time, principal, null, context, query, resultCount, null);
  }

  /**
   * A rating of an item.
   *
   * @param time when
   * @param principal who
   * @param itemId which item
   * @param rating the rating
   * @return the event
   */
  public static UsageEvent ofRating(Instant time, Principal principal, String itemId, double rating) {
    return new UsageEvent(null, UsageEventType.RATE, time, principal, itemId, null, null, null, rating);
  }

  /**
   * Starts an event of any type, for the fields the factories above do not set: an id (so that a retry
   * records it once), a value, a work context, a query and result count. For example, a reuse that saved
   * 45 minutes: {@code UsageEvent.builder(UsageEventType.REUSE, now, wang).id("crm-8812").item("case-campus")
   * .value(45).build()}.
   *
   * @param type the type
   * @param time when
   * @param principal who
   * @return a builder; {@link Builder#build()} validates as the constructor does
   */
  public static Builder builder(UsageEventType type, Instant time, Principal principal) {
    return new Builder(type, time, principal);
  }

  /** Collects an event's optional fields; {@link #build()} validates them all. Not thread-safe. */
  public static final class Builder {
    private final UsageEventType type;
    private final Instant time;
    private final Principal principal;
    private String id;
    private String itemId;
    private WorkContext context;
    private String query;
    private Integer resultCount;
    private Double value;

    private Builder(UsageEventType type, Instant time, Principal principal) {
      this.type = type;
      this.time = time;
      this.principal = principal;
    }

    /**
     * @param eventId the host's id of the event, so that recording it again is a no-op; {@code null} for none
     * @return this builder
     */
    public Builder id(String eventId) {
      this.id = eventId;
      return this;
    }

    /**
     * @param item the item the event is about, or {@code null}
     * @return this builder
     */
    public Builder item(String item) {
      this.itemId = item;
      return this;
    }

    /**
     * @param workContext where the person was in their work, or {@code null}; its principal must be the event's
     * @return this builder
     */
    public Builder context(WorkContext workContext) {
      this.context = workContext;
      return this;
    }

    /**
     * @param text the query (for searches and questions), or {@code null}
     * @param results how many results a search found, or {@code null}
     * @return this builder
     */
    public Builder query(String text, Integer results) {
      this.query = text;
      this.resultCount = results;
      return this;
    }

    /**
     * @param number a rating, minutes saved, a project's outcome; finite
     * @return this builder
     */
    public Builder value(double number) {
      this.value = number;
      return this;
    }

    /**
     * Builds the event.
     *
     * @return the event
     * @throws io.zhiku.core.ValidationException as the record's constructor does
     */
    public UsageEvent build() {
      return new UsageEvent(id, type, time, principal, itemId, context, query, resultCount, value);
    }
  }

  /**
   * This event in a work context.
   *
   * @param workContext the context; its principal must be this event's
   * @return a copy with the context set
   */
  public UsageEvent withContext(WorkContext workContext) {
    return new UsageEvent(id, type, time, principal, itemId, workContext, query, resultCount, value);
  }
}
