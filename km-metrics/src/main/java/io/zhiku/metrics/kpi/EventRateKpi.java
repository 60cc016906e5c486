package io.zhiku.metrics.kpi;

import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.UsageEventType;

/**
 * hits ÷ trials over the events of the period: the trials are the events of one type that pass a test,
 * the hits those of a type (the same or another) that pass theirs.
 */
final class EventRateKpi extends DefinedKpi {
  /** A test of one event of a block. */
  @FunctionalInterface
  interface Test {
    boolean test(EventBlock block, int i);
  }

  /** Every event passes. */
  static final Test ANY = (block, i) -> true;

  private final UsageEventType trialType;
  private final Test trial;
  private final UsageEventType hitType;
  private final Test hit;
  private final EventColumns.Column[] reads;

  /**
   * @param reads the columns the tests read, for both types
   */
  EventRateKpi(KpiDefinition definition, UsageEventType trialType, Test trial, UsageEventType hitType, Test hit,
      EventColumns.Column... reads) {
    super(definition);
    this.trialType = trialType;
    this.trial = trial;
    this.hitType = hitType;
    this.hit = hit;
    this.reads = reads;
  }

  @Override
  public Collector collector(KpiScope scope) {
    return new BlockCollector(scope) {
      private long hits;
      private long trials;

      @Override
      void require(EventColumns.Builder columns) {
        columns.types(trialType, hitType);
        for (EventColumns.Column c : reads) {
          columns.read(c, trialType, hitType);
        }
      }

      @Override
      void accept(BlockRows rows) {
        trials += count(rows, trialType, trial);
        hits += count(rows, hitType, hit);
      }

      @Override
      public KpiValue finish() {
        KpiValue v = scope.rate(hits, trials);
        return hits > trials ? scope.withNote(v, hits + " hits exceed " + trials + " trials: events recorded out of step") : v;
      }
    };
  }

  /** How many of a type's events in the period pass a test. */
  private static long count(BlockRows rows, UsageEventType type, Test test) {
    EventBlock b = rows.block();
    long n = 0;
    for (int j = rows.from(type), end = rows.to(type); j < end; j++) {
      if (test.test(b, rows.row(j))) {
        n++;
      }
    }
    return n;
  }
}
