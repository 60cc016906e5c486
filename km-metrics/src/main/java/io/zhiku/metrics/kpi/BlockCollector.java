package io.zhiku.metrics.kpi;

import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.internal.RowBlocks;

/**
 * The collector of a standard KPI: it reads the report's scan in blocks of columns ({@link BlockRows})
 * rather than row by row. {@link KpiEngine} asks each for the columns it needs, merges them into one scan,
 * and hands every block to every block collector. A row handed to {@link #accept(EventRow)} (by a host
 * KPI that wraps a standard one) is read as a block of one. Used on one thread.
 */
abstract class BlockCollector implements Kpi.Collector {
  /** Identifies the one-row blocks of {@link #accept(EventRow)}; their serial is the row's sequence number. */
  private static final Object SINGLE_ROWS = new Object();

  final KpiScope scope;
  private RowBlocks single;
  private BlockRows singleRows;
  private long sequence;

  BlockCollector(KpiScope scope) {
    this.scope = scope;
  }

  /** Asks for the types and columns this KPI reads. */
  abstract void require(EventColumns.Builder columns);

  /** One block of the scan. */
  abstract void accept(BlockRows rows);

  @Override
  public final void accept(EventRow row) {
    if (single == null) {
      EventColumns.Builder b = EventColumns.builder();
      require(b);
      EventColumns columns = b.build();
      singleRows = new BlockRows(columns, scope.period().end().toEpochMilli(), SINGLE_ROWS);
      // one numbering for every collector of the report: KPIs that share work (a family of cases) see the same numbers
      RowBlocks.AttributeNumbers numbers = scope.shared("attribute numbers of rows", RowBlocks.AttributeNumbers::new);
      single = new RowBlocks(columns, 1, numbers, block -> {
        singleRows.reset(block, sequence);
        accept(singleRows);
      });
    }
    sequence = row.sequence();
    single.accept(row); // a block of one is handed over at once
  }
}
