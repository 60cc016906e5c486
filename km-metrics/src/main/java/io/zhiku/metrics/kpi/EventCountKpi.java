package io.zhiku.metrics.kpi;

import io.zhiku.core.event.EventRow;
import java.util.HashSet;
import java.util.Set;

/** Counts the events of its types in the period, or the distinct people behind them (or their share of a headcount). */
final class EventCountKpi extends DefinedKpi {
  private final boolean distinctPeople;
  private final long headcount;

  /**
   * @param headcount for a share of a population, its size (the value is distinct people ÷ headcount); 0
   *     for a plain count
   */
  EventCountKpi(KpiDefinition definition, boolean distinctPeople, long headcount) {
    super(definition);
    this.distinctPeople = distinctPeople;
    this.headcount = headcount;
  }

  @Override
  public Collector collector(KpiScope scope) {
    long end = scope.period().end().toEpochMilli();
    return new Collector() {
      private final Set<String> people = new HashSet<>();
      private long events;

      @Override
      public void accept(EventRow row) {
        if (row.timeMillis() < end) {
          events++;
          if (distinctPeople) {
            people.add(row.userId());
          }
        }
      }

      @Override
      public KpiValue finish() {
        if (headcount > 0) {
          KpiValue v = scope.rate(people.size(), headcount);
          return people.size() > headcount ? scope.withNote(v, "more active people than the headcount " + headcount) : v;
        }
        return scope.count(distinctPeople ? people.size() : events);
      }
    };
  }
}
