package io.zhiku.core.event;

/**
 * A block of stored usage events read column by column: the bulk form of {@link EventRow}, for
 * aggregations over millions of events. A block scan reads each column for a few thousand events at a
 * time, and only for the types whose {@link EventColumns} ask for it; a column not read reads as absent.
 * Events are addressed by their index in the block, from 0 to {@link #size()} (exclusive), in no
 * particular order.
 *
 * <p>Scans hand the same block object to the visitor for each batch, so a block is valid only during the
 * visitor's call and must not be kept or shared between threads.
 */
public interface EventBlock {
  /**
   * What this block's scan reads.
   *
   * @return the columns, as the scan was asked for them
   */
  EventColumns columns();

  /**
   * How many events the block holds.
   *
   * @return at least 1
   */
  int size();

  /**
   * When an event happened.
   *
   * @param i the event's index in the block
   * @return milliseconds since the epoch
   */
  long time(int i);

  /**
   * An event's type.
   *
   * @param i the event's index in the block
   * @return the index of its type in {@link EventColumns#types()}, or -1 for another type
   */
  int type(int i);

  /**
   * Who did it, as a number: see {@link EventRow#userNumber()}; equal user ids have equal numbers
   * throughout one scan.
   *
   * @param i the event's index in the block
   * @return a number at least 0
   */
  int userNumber(int i);

  /**
   * Who did it. Slower than {@link #userNumber}: for the few events that need the id itself.
   *
   * @param i the event's index in the block
   * @return the principal's user id
   */
  String userId(int i);

  /**
   * The item concerned, as a number: see {@link EventRow#itemNumber()}.
   *
   * @param i the event's index in the block
   * @return a number at least 0, or -1 if the event concerns no item or the item is not read for its type
   */
  int itemNumber(int i);

  /**
   * The item concerned. Slower than {@link #itemNumber}.
   *
   * @param i the event's index in the block
   * @return the item's id, or {@code null} if the event concerns no item or the item is not read for its type
   */
  String itemId(int i);

  /**
   * The event's value (a rating, minutes saved).
   *
   * @param i the event's index in the block
   * @return the value, or {@code NaN} if it has none or the value is not read for its type
   */
  double value(int i);

  /**
   * A search's result count.
   *
   * @param i the event's index in the block
   * @return the count, or -1 if the event has none or the count is not read for its type
   */
  long resultCount(int i);

  /**
   * A context attribute's value, as a number: throughout one scan, equal values of one key have equal
   * numbers, and different values (or values of different keys) different numbers. Numbers grow with the
   * distinct values a store has numbered, not with the events, so per-value state fits in arrays.
   *
   * @param key the index of the attribute's key in {@link EventColumns#attributeKeys()}
   * @param i the event's index in the block
   * @return a number at least 0, or -1 if the event has no such attribute or it is not read for its type
   */
  int attributeNumber(int key, int i);

  /**
   * A context attribute's value. Slower than {@link #attributeNumber}.
   *
   * @param key the index of the attribute's key in {@link EventColumns#attributeKeys()}
   * @param i the event's index in the block
   * @return the value, or {@code null} if the event has no such attribute or it is not read for its type
   */
  String attribute(int key, int i);
}
