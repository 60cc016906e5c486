package io.zhiku.core.internal;

import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.EventRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Gathers rows into {@link EventBlock}s: the block scan of a store (or source) that reads rows, and of a
 * scan whose rows are filtered one by one. Copies the columns the {@link EventColumns} ask for; numbers
 * attribute values itself (or through {@link AttributeNumbers} shared with other instances), so its
 * numbers hold for as long as this object (or the shared numbers) lives. Not thread-safe.
 */
public final class RowBlocks implements Consumer<EventRow> {
  /** Rows per block. */
  public static final int CAPACITY = 1024;

  private final Consumer<? super EventBlock> visitor;
  private final Block block;
  private final Map<String, Integer> typeIndexes = new HashMap<>();
  private final boolean[] readsItem;
  private final boolean[] readsValue;
  private final boolean[] readsResults;
  private final boolean[][] readsAttribute;
  private final String[] keys;
  private final AttributeNumbers numbers;
  private final List<Map<String, Integer>> numbersByKey = new ArrayList<>();

  /**
   * Numbers for attribute values, one per distinct value of a key: what several {@link RowBlocks} share
   * when their blocks go to the same reader. Not thread-safe.
   */
  public static final class AttributeNumbers {
    private final Map<String, Map<String, Integer>> byKey = new HashMap<>();
    private int next;

    Map<String, Integer> of(String key) {
      return byKey.computeIfAbsent(key, k -> new HashMap<>());
    }

    int next() {
      return next++;
    }
  }

  /**
   * Blocks that number attribute values themselves.
   *
   * @param columns what to copy
   * @param capacity rows per block, at least 1
   * @param visitor receives each full block, and the last one on {@link #flush()}
   */
  public RowBlocks(EventColumns columns, int capacity, Consumer<? super EventBlock> visitor) {
    this(columns, capacity, new AttributeNumbers(), visitor);
  }

  /**
   * @param columns what to copy
   * @param capacity rows per block, at least 1
   * @param numbers where attribute values get their numbers
   * @param visitor receives each full block, and the last one on {@link #flush()}
   */
  public RowBlocks(EventColumns columns, int capacity, AttributeNumbers numbers, Consumer<? super EventBlock> visitor) {
    this.numbers = Checks.present("numbers", numbers);
    this.visitor = Checks.present("visitor", visitor);
    int types = Checks.present("columns", columns).types().size();
    for (int t = 0; t < types; t++) {
      typeIndexes.put(columns.types().get(t).name(), t);
    }
    keys = columns.attributeKeys().toArray(String[]::new);
    readsItem = reads(columns, EventColumns.Column.ITEM);
    readsValue = reads(columns, EventColumns.Column.VALUE);
    readsResults = reads(columns, EventColumns.Column.RESULT_COUNT);
    readsAttribute = new boolean[keys.length][types];
    for (int k = 0; k < keys.length; k++) {
      for (int t = 0; t < types; t++) {
        readsAttribute[k][t] = columns.readsAttribute(k, t);
      }
      numbersByKey.add(numbers.of(keys[k]));
    }
    block = new Block(columns, capacity, keys.length);
  }

  /**
   * Blocks of the rows a row scan visits.
   *
   * @param rowScan runs a row scan with the visitor it is given
   * @param columns what to copy
   * @param visitor receives each block
   */
  public static void scan(Consumer<Consumer<EventRow>> rowScan, EventColumns columns, Consumer<? super EventBlock> visitor) {
    RowBlocks blocks = new RowBlocks(columns, CAPACITY, visitor);
    rowScan.accept(blocks);
    blocks.flush();
  }

  private static boolean[] reads(EventColumns columns, EventColumns.Column column) {
    boolean[] out = new boolean[columns.types().size()];
    for (int t = 0; t < out.length; t++) {
      out[t] = columns.reads(column, t);
    }
    return out;
  }

  /** Copies one row; hands the block over when it is full. */
  @Override
  public void accept(EventRow row) {
    Block b = block;
    int i = b.size;
    int t = typeIndexes.getOrDefault(row.type(), -1);
    b.time[i] = row.timeMillis();
    b.type[i] = t;
    b.user[i] = row.userNumber();
    b.userId[i] = row.userId();
    boolean item = t >= 0 && readsItem[t];
    b.item[i] = item ? row.itemNumber() : -1;
    b.itemId[i] = item ? row.itemId() : null;
    b.value[i] = t >= 0 && readsValue[t] ? row.value() : Double.NaN;
    b.results[i] = t >= 0 && readsResults[t] ? row.resultCount() : -1;
    for (int k = 0; k < keys.length; k++) {
      String v = t >= 0 && readsAttribute[k][t] ? row.contextAttribute(keys[k]) : null;
      b.attribute[k][i] = v;
      b.attributeNumber[k][i] = v == null ? -1 : numbersByKey.get(k).computeIfAbsent(v, x -> numbers.next());
    }
    b.size = i + 1;
    if (b.size == b.time.length) {
      flush();
    }
  }

  /** Hands over the rows gathered since the last block, if any. */
  public void flush() {
    if (block.size > 0) {
      visitor.accept(block);
      block.size = 0;
    }
  }

  /** The copied columns. */
  private static final class Block extends ArrayEventBlock {
    private final String[] userId;
    private final String[] itemId;
    private final String[][] attribute;

    Block(EventColumns columns, int capacity, int keys) {
      super(columns, capacity);
      userId = new String[capacity];
      itemId = new String[capacity];
      attribute = new String[keys][capacity];
    }

    @Override
    public String userId(int i) {
      return userId[check(i)];
    }

    @Override
    public String itemId(int i) {
      return itemId[check(i)];
    }

    @Override
    public String attribute(int key, int i) {
      return attribute[key][check(i)];
    }
  }
}
