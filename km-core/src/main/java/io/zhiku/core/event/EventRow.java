package io.zhiku.core.event;

import java.util.List;

/**
 * One stored usage event as read by a scan: its columns, read only when asked for. Scans hand the same
 * row object to the visitor for every event, so a row is valid only during the visitor's call and must
 * not be kept or shared between threads; {@link #toEvent()} makes a lasting copy.
 */
public interface EventRow {
  /**
   * The sequence number the store gave the event when it was recorded.
   *
   * @return a positive number, unique within the store
   */
  long sequence();

  /**
   * When the event happened.
   *
   * @return milliseconds since the epoch
   */
  long timeMillis();

  /**
   * What happened.
   *
   * @return the type's name, e.g. {@code "view"}
   */
  String type();

  /**
   * Who did it.
   *
   * @return the principal's user id
   */
  String userId();

  /**
   * A number for {@link #userId()}, for a visitor that keeps per-person state in arrays rather than maps:
   * throughout one scan equal user ids have equal numbers and different ids different numbers. Numbers
   * are dense from 0: each is below the count of distinct user ids the store has numbered so far (the
   * Lucene store numbers ids as scans first meet them and keeps the numbers while it is open), so arrays
   * indexed by them grow with the number of people, not of events.
   *
   * @return a number at least 0
   */
  int userNumber();

  /**
   * The item concerned.
   *
   * @return the item's id, or {@code null}
   */
  String itemId();

  /**
   * A number for {@link #itemId()}, numbered like {@link #userNumber()} (its own numbers, dense from 0),
   * for a visitor that keeps per-item state in arrays.
   *
   * @return a number at least 0, or {@code -1} if the event concerns no item
   */
  int itemNumber();

  /**
   * The roles the principal held when the event was recorded.
   *
   * @return role ids, possibly empty
   */
  List<String> principalRoles();

  /**
   * The groups the principal belonged to when the event was recorded.
   *
   * @return group ids, possibly empty
   */
  List<String> principalGroups();

  /**
   * The role of the event's work context.
   *
   * @return the role, or {@code null} if there was no context or it named no role
   */
  String contextRole();

  /**
   * The stage of the event's work context.
   *
   * @return the stage, or {@code null}
   */
  String contextStage();

  /**
   * A context attribute.
   *
   * @param key the attribute's key
   * @return its value, or {@code null}
   */
  String contextAttribute(String key);

  /**
   * The event's value (a rating, minutes saved).
   *
   * @return the value, or {@code NaN} if it has none
   */
  double value();

  /**
   * A search's result count.
   *
   * @return the count, or {@code -1} if the event is not a search
   */
  long resultCount();

  /**
   * The whole event, read from storage: slower than the columns above.
   *
   * @return the event as it was recorded
   */
  UsageEvent toEvent();
}
