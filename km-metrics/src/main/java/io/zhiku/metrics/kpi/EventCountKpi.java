package io.zhiku.metrics.kpi;

import io.zhiku.core.event.EventRow;
import java.util.BitSet;

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
      private final BitSet people = new BitSet(); // by user number
      private long events;

      @Override
      public void accept(EventRow row) {
        if (row.timeMillis() < end) {
          events++;
          if (distinctPeople) {
            people.set(row.userNumber());
          }
        }
      }

      @Override
      public KpiValue finish() {
        int distinct = people.cardinality();
        if (headcount > 0) {
          KpiValue v = scope.rate(distinct, headcount);
          return distinct > headcount ? scope.withNote(v, "more active people than the headcount " + headcount) : v;
        }
        return scope.count(distinctPeople ? distinct : events);
      }
    };
  }
}
