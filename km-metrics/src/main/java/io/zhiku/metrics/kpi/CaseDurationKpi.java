package io.zhiku.metrics.kpi;

import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEventType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mean time from an opening event to the closing event with the same key (a context attribute such as
 * {@code case=T-1042}), over the keys closed in the period; optionally only the cases in which knowledge
 * was used (an item event carrying the same key between opening and closing), or only those in which it
 * was not. The KPIs of one family share one {@link Cases} per report, so each row is read once.
 */
final class CaseDurationKpi extends DefinedKpi {
  /** Which cases count. */
  enum Knowledge {
    ANY, WITH, WITHOUT
  }

  private final UsageEventType open;
  private final UsageEventType close;
  private final String key;
  private final Set<UsageEventType> useTypes;
  private final double unitMillis;
  private final Knowledge knowledge;

  CaseDurationKpi(KpiDefinition definition, UsageEventType open, UsageEventType close, String key,
      Set<UsageEventType> useTypes, double unitMillis, Knowledge knowledge) {
    super(definition);
    this.open = open;
    this.close = close;
    this.key = key;
    this.useTypes = useTypes;
    this.unitMillis = unitMillis;
    this.knowledge = knowledge;
  }

  @Override
  public Collector collector(KpiScope scope) {
    Cases cases = scope.shared("cases:" + open + ":" + close + ":" + key, () -> new Cases(scope.period()));
    return new Collector() {
      @Override
      public void accept(EventRow row) {
        cases.accept(row);
      }

      @Override
      public KpiValue finish() {
        cases.completeOpenings(scope);
        if (knowledge != Knowledge.ANY) {
          cases.completeUses(scope);
        }
        List<String> notes = new ArrayList<>();
        double[] durations = cases.durations(knowledge, unitMillis, notes);
        return scope.mean(durations, String.join("; ", notes));
      }
    };
  }

  /** The openings, closings and knowledge uses of one family of cases in one report. */
  private final class Cases {
    private final long start;
    private final long end;
    private final Map<String, Case> cases = new HashMap<>();
    private long lastSequence = -1;
    private long closingsWithoutKey;
    private boolean openingsComplete;
    private boolean usesComplete;
    private Durations durations;

    Cases(Period period) {
      this.start = period.start().toEpochMilli();
      this.end = period.end().toEpochMilli();
    }

    /** One row, from whichever KPI of the family receives it first (the others get the same row next). */
    void accept(EventRow row) {
      String k = row.contextAttribute(key);
      String type = row.type();
      if (k == null && !type.equals(close.name())) {
        return; // most rows: nothing to record, so no need to check for the same row twice
      }
      long sequence = row.sequence();
      if (sequence == lastSequence) {
        return;
      }
      lastSequence = sequence;
      long t = row.timeMillis();
      if (t >= end) {
        return;
      }
      if (k != null) {
        Case c = cases.computeIfAbsent(k, x -> new Case());
        if (type.equals(close.name())) {
          c.closed = Math.min(c.closed, t);
        } else if (type.equals(open.name())) {
          c.opened = Math.min(c.opened, t);
        } else {
          c.use(t);
        }
      } else if (type.equals(close.name())) {
        closingsWithoutKey++;
      }
    }

    /** Finds the openings before the period of the cases closed in it. */
    void completeOpenings(KpiScope scope) {
      if (openingsComplete) {
        return;
      }
      openingsComplete = true;
      boolean missing = false;
      for (Case c : cases.values()) {
        missing |= c.closed != Long.MAX_VALUE && c.opened > c.closed; // an opening in the period may be a reopening after the closing
      }
      if (!missing) {
        return;
      }
      scope.scan(EventQuery.builder().types(open).window(null, scope.period().start()).build(), row -> {
        Case c = closedCase(row);
        if (c != null) {
          c.opened = Math.min(c.opened, row.timeMillis());
        }
      });
    }

    /** Finds the knowledge used before the period in the cases opened before it and closed in it. */
    void completeUses(KpiScope scope) {
      if (usesComplete) {
        return;
      }
      usesComplete = true;
      long earliest = start;
      for (Case c : cases.values()) {
        if (c.closed != Long.MAX_VALUE && c.opened < earliest) {
          earliest = c.opened;
        }
      }
      if (earliest == start) {
        return;
      }
      durations = null; // uses may be added: split again
      EventQuery before = EventQuery.builder().types(useTypes.toArray(UsageEventType[]::new))
          .window(java.time.Instant.ofEpochMilli(earliest), scope.period().start()).build();
      scope.scan(before, row -> {
        Case c = closedCase(row);
        if (c != null) {
          c.use(row.timeMillis());
        }
      });
    }

    /** The case of a row's key if it was closed in the period, else {@code null}. */
    private Case closedCase(EventRow row) {
      String k = row.contextAttribute(key);
      Case c = k == null ? null : cases.get(k);
      return c != null && c.closed != Long.MAX_VALUE ? c : null;
    }

    /** The durations of the cases closed in the period, all and split by knowledge use; computed once. */
    double[] durations(Knowledge which, double unit, List<String> notes) {
      if (durations == null) {
        durations = new Durations(cases.values());
      }
      if (durations.withoutOpening > 0) {
        notes.add("closings without an earlier opening left out: " + durations.withoutOpening);
      }
      if (closingsWithoutKey > 0) {
        notes.add("closings without a " + key + " attribute left out: " + closingsWithoutKey);
      }
      LongList millis = switch (which) {
        case ANY -> durations.any;
        case WITH -> durations.with;
        case WITHOUT -> durations.without;
      };
      double[] out = new double[millis.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = millis.get(i) / unit;
      }
      return out;
    }
  }

  /** The durations, in milliseconds, of the closed cases that have an earlier opening. */
  private static final class Durations {
    final LongList any = new LongList();
    final LongList with = new LongList();
    final LongList without = new LongList();
    int withoutOpening;

    Durations(Collection<Case> cases) {
      for (Case c : cases) {
        if (c.closed == Long.MAX_VALUE) {
          continue;
        }
        if (c.opened > c.closed) {
          withoutOpening++;
          continue;
        }
        long d = c.closed - c.opened;
        any.add(d);
        (c.usedBetween(c.opened, c.closed) ? with : without).add(d);
      }
    }
  }

  /** One key's earliest opening and closing (Long.MAX_VALUE: none) and the times knowledge was used in it. */
  private static final class Case {
    long opened = Long.MAX_VALUE;
    long closed = Long.MAX_VALUE;
    private long firstUse = Long.MAX_VALUE; // the common case: one use, no list
    private LongList uses;

    void use(long t) {
      if (firstUse == Long.MAX_VALUE && uses == null) {
        firstUse = t;
        return;
      }
      if (uses == null) {
        uses = new LongList();
        uses.add(firstUse);
      }
      uses.add(t);
    }

    boolean usedBetween(long from, long to) {
      if (uses == null) {
        return firstUse >= from && firstUse <= to;
      }
      int i = uses.sorted().firstAtLeast(from);
      return i < uses.size() && uses.get(i) <= to;
    }
  }
}
