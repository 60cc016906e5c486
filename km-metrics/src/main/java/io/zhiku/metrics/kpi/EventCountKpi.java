package io.zhiku.metrics.kpi;

import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.UsageEventType;
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
  Object[] textArguments() {
    return new Object[] {headcount}; // the adoption rate's population
  }

  @Override
  public Collector collector(KpiScope scope) {
    UsageEventType[] types = definition().events().toArray(UsageEventType[]::new);
    boolean everyEvent = definition().everyEvent();
    return new BlockCollector(scope) {
      private final BitSet people = new BitSet(); // by user number
      private long events;

      @Override
      void require(EventColumns.Builder columns) {
        columns.types(types);
      }

      @Override
      void accept(BlockRows rows) {
        if (everyEvent) {
          count(rows, 0, rows.periodEnd());
        }
        for (UsageEventType t : types) {
          count(rows, rows.from(t), rows.to(t));
        }
      }

      private void count(BlockRows rows, int from, int to) {
        events += to - from;
        if (distinctPeople) {
          EventBlock b = rows.block();
          for (int j = from; j < to; j++) {
            people.set(b.userNumber(rows.row(j)));
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
