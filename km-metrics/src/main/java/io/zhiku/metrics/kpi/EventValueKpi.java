package io.zhiku.metrics.kpi;

import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.UsageEventType;
import java.util.Arrays;

/** The mean or the scaled sum of the values of the period's events; events without a value are left out. */
final class EventValueKpi extends DefinedKpi {
  private final boolean mean;
  private final double scale;

  EventValueKpi(KpiDefinition definition, boolean mean, double scale) {
    super(definition);
    this.mean = mean;
    this.scale = scale;
  }

  @Override
  public Collector collector(KpiScope scope) {
    UsageEventType[] types = definition().events().toArray(UsageEventType[]::new);
    return new BlockCollector(scope) {
      private double[] values = new double[16];
      private int n;
      private double sum;
      private long withoutValue;

      @Override
      void require(EventColumns.Builder columns) {
        columns.read(EventColumns.Column.VALUE, types);
      }

      @Override
      void accept(BlockRows rows) {
        EventBlock b = rows.block();
        for (UsageEventType t : types) {
          for (int j = rows.from(t), end = rows.to(t); j < end; j++) {
            add(b.value(rows.row(j)));
          }
        }
      }

      private void add(double v) {
        if (Double.isNaN(v)) {
          withoutValue++;
          return;
        }
        if (mean) {
          if (n == values.length) {
            values = Arrays.copyOf(values, 2 * n);
          }
          values[n++] = v * scale;
        } else {
          sum += v; // scaled once at the end: whole minutes add up exactly, in any order
          n++;
        }
      }

      @Override
      public KpiValue finish() {
        String note = withoutValue == 0 ? "" : scope.texts().get("note.without-value", withoutValue);
        if (mean) {
          return scope.mean(Arrays.copyOf(values, n), note);
        }
        KpiValue v = scope.sum(sum * scale, n);
        return note.isEmpty() ? v : scope.withNote(v, note);
      }
    };
  }
}
