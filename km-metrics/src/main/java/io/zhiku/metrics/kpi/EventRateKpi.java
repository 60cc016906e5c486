package io.zhiku.metrics.kpi;

import io.zhiku.core.event.EventRow;
import java.util.function.Predicate;

/** hits ÷ trials over the events of the period, each row tested for both. */
final class EventRateKpi extends DefinedKpi {
  private final Predicate<EventRow> trial;
  private final Predicate<EventRow> hit;

  EventRateKpi(KpiDefinition definition, Predicate<EventRow> trial, Predicate<EventRow> hit) {
    super(definition);
    this.trial = trial;
    this.hit = hit;
  }

  @Override
  public Collector collector(KpiScope scope) {
    long end = scope.period().end().toEpochMilli();
    return new Collector() {
      private long hits;
      private long trials;

      @Override
      public void accept(EventRow row) {
        if (row.timeMillis() < end) {
          if (trial.test(row)) {
            trials++;
          }
          if (hit.test(row)) {
            hits++;
          }
        }
      }

      @Override
      public KpiValue finish() {
        KpiValue v = scope.rate(hits, trials);
        return hits > trials ? scope.withNote(v, hits + " hits exceed " + trials + " trials: events recorded out of step") : v;
      }
    };
  }
}
