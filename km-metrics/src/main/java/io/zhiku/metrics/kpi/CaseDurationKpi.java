package io.zhiku.metrics.kpi;

import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEventType;
import java.util.ArrayList;
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
    private final Map<String, Long> opened = new HashMap<>();
    private final Map<String, Long> closed = new HashMap<>();
    private final Map<String, LongList> used = new HashMap<>();
    private long lastSequence = -1;
    private long closingsWithoutKey;
    private boolean openingsComplete;
    private boolean usesComplete;

    Cases(Period period) {
      this.start = period.start().toEpochMilli();
      this.end = period.end().toEpochMilli();
    }

    /** One row, from whichever KPI of the family receives it first (the others get the same row next). */
    void accept(EventRow row) {
      long sequence = row.sequence();
      if (sequence == lastSequence) {
        return;
      }
      lastSequence = sequence;
      long t = row.timeMillis();
      if (t >= end) {
        return;
      }
      String type = row.type();
      String k = row.contextAttribute(key);
      if (type.equals(close.name())) {
        if (k == null) {
          closingsWithoutKey++;
        } else {
          closed.merge(k, t, Math::min);
        }
      } else if (k != null) {
        record(type, k, t);
      }
    }

    private void record(String type, String k, long t) {
      if (type.equals(open.name())) {
        opened.merge(k, t, Math::min);
      } else {
        used.computeIfAbsent(k, x -> new LongList()).add(t);
      }
    }

    /** Finds the openings before the period of the cases closed in it. */
    void completeOpenings(KpiScope scope) {
      if (openingsComplete) {
        return;
      }
      openingsComplete = true;
      boolean missing = false;
      for (Map.Entry<String, Long> c : closed.entrySet()) {
        Long o = opened.get(c.getKey());
        missing |= o == null || o > c.getValue(); // an opening in the period may be a reopening after the closing
      }
      if (!missing) {
        return;
      }
      scope.scan(EventQuery.builder().types(open).window(null, scope.period().start()).build(), row -> {
        String k = row.contextAttribute(key);
        if (k != null && closed.containsKey(k)) {
          opened.merge(k, row.timeMillis(), Math::min);
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
      for (Map.Entry<String, Long> c : closed.entrySet()) {
        Long o = opened.get(c.getKey());
        if (o != null && o < earliest) {
          earliest = o;
        }
      }
      if (earliest == start) {
        return;
      }
      EventQuery before = EventQuery.builder().types(useTypes.toArray(UsageEventType[]::new))
          .window(java.time.Instant.ofEpochMilli(earliest), scope.period().start()).build();
      scope.scan(before, row -> {
        String k = row.contextAttribute(key);
        if (k != null && closed.containsKey(k)) {
          used.computeIfAbsent(k, x -> new LongList()).add(row.timeMillis());
        }
      });
    }

    double[] durations(Knowledge which, double unit, List<String> notes) {
      double[] out = new double[closed.size()];
      int n = 0;
      int withoutOpening = 0;
      for (Map.Entry<String, Long> c : closed.entrySet()) {
        Long o = opened.get(c.getKey());
        long closedAt = c.getValue();
        if (o == null || o > closedAt) {
          withoutOpening++;
          continue;
        }
        if (which != Knowledge.ANY) {
          LongList uses = used.get(c.getKey());
          boolean withKnowledge = false;
          if (uses != null) {
            int i = uses.sorted().firstAtLeast(o);
            withKnowledge = i < uses.size() && uses.get(i) <= closedAt;
          }
          if (withKnowledge != (which == Knowledge.WITH)) {
            continue;
          }
        }
        out[n++] = (closedAt - o) / unit;
      }
      if (withoutOpening > 0) {
        notes.add("closings without an earlier opening left out: " + withoutOpening);
      }
      if (closingsWithoutKey > 0) {
        notes.add("closings without a " + key + " attribute left out: " + closingsWithoutKey);
      }
      return java.util.Arrays.copyOf(out, n);
    }
  }
}
