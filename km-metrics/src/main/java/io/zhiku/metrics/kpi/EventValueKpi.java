package io.zhiku.metrics.kpi;

import io.zhiku.core.event.EventRow;
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
    long end = scope.period().end().toEpochMilli();
    return new Collector() {
      private double[] values = new double[16];
      private int n;
      private double sum;
      private long withoutValue;

      @Override
      public void accept(EventRow row) {
        if (row.timeMillis() >= end) {
          return;
        }
        double v = row.value();
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
        String note = withoutValue == 0 ? "" : "events without a value left out: " + withoutValue;
        if (mean) {
          return scope.mean(Arrays.copyOf(values, n), note);
        }
        KpiValue v = scope.sum(sum * scale, n);
        return note.isEmpty() ? v : scope.withNote(v, note);
      }
    };
  }
}
