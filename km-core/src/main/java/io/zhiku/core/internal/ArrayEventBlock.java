package io.zhiku.core.internal;

import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import java.util.Objects;

/**
 * An {@link EventBlock} whose numeric columns are arrays that a block scan fills: the part every block
 * scan shares. A subclass says where ids and attribute values come from (copied strings, or a store's
 * dictionaries looked up on demand). Not thread-safe.
 */
public abstract class ArrayEventBlock implements EventBlock {
  private final EventColumns columns;
  /** How many events the arrays hold. */
  protected int size;
  /** Event times, epoch milliseconds. */
  protected final long[] time;
  /** Type indexes into the columns' types, -1 for another type. */
  protected final int[] type;
  /** User numbers. */
  protected final int[] user;
  /** Item numbers, -1 for none or not read. */
  protected final int[] item;
  /** Values, NaN for none or not read. */
  protected final double[] value;
  /** Result counts, -1 for none or not read. */
  protected final long[] results;
  /** By key, attribute numbers, -1 for none or not read. */
  protected final int[][] attributeNumber;

  /**
   * @param columns what the scan reads
   * @param capacity events per block, at least 1
   * @throws io.zhiku.core.ValidationException if the capacity is below 1
   */
  protected ArrayEventBlock(EventColumns columns, int capacity) {
    if (capacity < 1) {
      throw new io.zhiku.core.ValidationException("capacity", capacity, "at least 1");
    }
    this.columns = Checks.present("columns", columns);
    time = new long[capacity];
    type = new int[capacity];
    user = new int[capacity];
    item = new int[capacity];
    value = new double[capacity];
    results = new long[capacity];
    attributeNumber = new int[columns.attributes().size()][capacity];
  }

  @Override
  public final EventColumns columns() {
    return columns;
  }

  @Override
  public final int size() {
    return size;
  }

  @Override
  public final long time(int i) {
    return time[check(i)];
  }

  @Override
  public final int type(int i) {
    return type[check(i)];
  }

  @Override
  public final int userNumber(int i) {
    return user[check(i)];
  }

  @Override
  public final int itemNumber(int i) {
    return item[check(i)];
  }

  @Override
  public final double value(int i) {
    return value[check(i)];
  }

  @Override
  public final long resultCount(int i) {
    return results[check(i)];
  }

  @Override
  public final int attributeNumber(int key, int i) {
    return attributeNumber[key][check(i)];
  }

  /**
   * Checks an event's index.
   *
   * @param i the index
   * @return the index
   * @throws IndexOutOfBoundsException if it is not below {@link #size()}
   */
  protected final int check(int i) {
    return Objects.checkIndex(i, size);
  }
}
