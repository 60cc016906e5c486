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
 * @param resultCount how many results a search found (required for searches, never negative), or {@code null}
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
   * This event in a work context.
   *
   * @param workContext the context; its principal must be this event's
   * @return a copy with the context set
   */
  public UsageEvent withContext(WorkContext workContext) {
    return new UsageEvent(id, type, time, principal, itemId, workContext, query, resultCount, value);
  }
}
