package io.zhiku.metrics.kpi;

import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.metrics.internal.Texts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
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
  Object[] textArguments() {
    return new Object[] {key};
  }

  @Override
  public Collector collector(KpiScope scope) {
    Cases cases = scope.shared("cases:" + open + ":" + close + ":" + key, () -> new Cases(scope));
    return new BlockCollector(scope) {
      @Override
      void require(EventColumns.Builder columns) {
        columns.attribute(key, open, close);
        if (knowledge != Knowledge.ANY) {
          columns.attribute(key, useTypes.toArray(UsageEventType[]::new));
        }
      }

      @Override
      void accept(BlockRows rows) {
        cases.accept(rows);
      }

      @Override
      public KpiValue finish() {
        cases.complete(scope);
        List<String> notes = new ArrayList<>();
        double[] durations = cases.durations(knowledge, unitMillis, scope.texts(), notes);
        return scope.mean(durations, scope.join(notes));
      }
    };
  }

  /**
   * The openings, closings and knowledge uses of one family of cases in one report, in arrays by case.
   * When no case was opened before the period (the common case for a store whose history the period
   * covers) a case is the number of its key ({@link EventBlock#attributeNumber}) and the period's scan is
   * all there is to read. Otherwise a case is found by its key's string, so that its opening before the
   * period, and the knowledge used before the period, can be looked up afterwards by further scans.
   */
  private final class Cases {
    private final long start;
    /** Whether cases are numbered by key string: some opening lies before the period. */
    private final boolean byKey;
    private final Map<String, Integer> caseOfKey = new HashMap<>();
    private long[] opened = new long[0];
    private long[] closed = new long[0];
    private long[] firstUse = new long[0];
    /** Uses after the first, for the few cases with several; by case. */
    private final Map<Integer, LongList> moreUses = new HashMap<>();
    private final BitSet hasMoreUses = new BitSet();
    private Object lastScan;
    private long lastSerial = -1;
    /** The scan's columns: the key's index among them, and the use types they read the key for. */
    private EventColumns columns;
    private int k;
    private UsageEventType[] usesRead;
    private long closingsWithoutKey;
    private boolean complete;
    private Durations durations;

    Cases(KpiScope scope) {
      this.start = scope.period().start().toEpochMilli();
      this.byKey = scope.anyEvents(EventQuery.builder().types(open).window(null, scope.period().start()).build());
    }

    /** One block, from whichever KPI of the family receives it first (the others get the same block next). */
    void accept(BlockRows rows) {
      if (rows.sameAs(lastScan, lastSerial)) {
        return;
      }
      lastScan = rows.scan();
      lastSerial = rows.serial();
      EventBlock b = rows.block();
      if (rows.columns() != columns) { // once per scan
        columns = rows.columns();
        k = columns.attributeKeys().indexOf(key);
        usesRead = useTypes.stream().filter(u -> columns.readsAttribute(k, columns.typeIndex(u))).toArray(UsageEventType[]::new);
      }
      for (int j = rows.from(open), to = rows.to(open); j < to; j++) {
        int i = rows.row(j);
        int c = caseOf(b, k, i);
        if (c >= 0) {
          opened[c] = Math.min(opened[c], b.time(i));
        }
      }
      for (int j = rows.from(close), to = rows.to(close); j < to; j++) {
        int i = rows.row(j);
        int c = caseOf(b, k, i);
        if (c >= 0) {
          closed[c] = Math.min(closed[c], b.time(i));
        } else {
          closingsWithoutKey++;
        }
      }
      for (UsageEventType u : usesRead) { // not all: no KPI of a report may ask which case a use was in
        for (int j = rows.from(u), to = rows.to(u); j < to; j++) {
          int i = rows.row(j);
          int c = caseOf(b, k, i);
          if (c >= 0) {
            use(c, b.time(i));
          }
        }
      }
    }

    /** The case of an event, with room for it in the arrays; -1 if the event names no case. */
    private int caseOf(EventBlock b, int k, int i) {
      int c;
      if (byKey) {
        String v = b.attribute(k, i);
        c = v == null ? -1 : caseOfKey.computeIfAbsent(v, x -> caseOfKey.size());
      } else {
        c = b.attributeNumber(k, i);
      }
      if (c >= opened.length) {
        int size = Math.max(c + 1, 2 * opened.length);
        opened = grown(opened, size);
        closed = grown(closed, size);
        firstUse = grown(firstUse, size);
      }
      return c;
    }

    private static long[] grown(long[] a, int size) {
      long[] out = Arrays.copyOf(a, size);
      Arrays.fill(out, a.length, size, Long.MAX_VALUE);
      return out;
    }

    private void use(int c, long t) {
      if (firstUse[c] == Long.MAX_VALUE) {
        firstUse[c] = t;
      } else {
        moreUses.computeIfAbsent(c, x -> new LongList()).add(t);
        hasMoreUses.set(c);
      }
    }

    /**
     * Finds, for the cases closed in the period, the openings before it and then the knowledge used
     * between such an opening and the period's start. Nothing to find unless some opening lies before
     * the period.
     */
    void complete(KpiScope scope) {
      if (complete || !byKey) {
        return;
      }
      complete = true;
      scope.scan(EventQuery.builder().types(open).window(null, scope.period().start()).build(), row -> {
        int c = closedCase(row);
        if (c >= 0) {
          opened[c] = Math.min(opened[c], row.timeMillis());
        }
      });
      long earliest = start;
      for (int c = 0; c < closed.length; c++) {
        if (closed[c] != Long.MAX_VALUE) {
          earliest = Math.min(earliest, opened[c]);
        }
      }
      if (earliest < start && !useTypes.isEmpty()) {
        EventQuery before = EventQuery.builder().types(useTypes.toArray(UsageEventType[]::new))
            .window(java.time.Instant.ofEpochMilli(earliest), scope.period().start()).build();
        scope.scan(before, row -> {
          int c = closedCase(row);
          if (c >= 0) {
            use(c, row.timeMillis());
          }
        });
      }
    }

    /** The case of a row's key if it was closed in the period, else -1. */
    private int closedCase(EventRow row) {
      String k = row.contextAttribute(key);
      Integer c = k == null ? null : caseOfKey.get(k);
      return c != null && closed[c] != Long.MAX_VALUE ? c : -1;
    }

    /** The durations of the cases closed in the period, all and split by knowledge use; computed once. */
    double[] durations(Knowledge which, double unit, Texts texts, List<String> notes) {
      if (durations == null) {
        durations = new Durations(this);
      }
      if (durations.withoutOpening > 0) {
        notes.add(texts.get("note.without-opening", durations.withoutOpening));
      }
      if (closingsWithoutKey > 0) {
        notes.add(texts.get("note.without-key", key, closingsWithoutKey));
      }
      long[] millis = switch (which) {
        case ANY -> durations.any;
        case WITH -> durations.with;
        case WITHOUT -> durations.without;
      };
      double[] out = new double[millis.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = millis[i] / unit; // still ascending: the mean's sort then only checks the order
      }
      return out;
    }

    /** Whether knowledge was used in a case between two instants (inclusive). */
    boolean usedBetween(int c, long from, long to) {
      if (firstUse[c] >= from && firstUse[c] <= to) {
        return true;
      }
      if (!hasMoreUses.get(c)) {
        return false;
      }
      LongList more = moreUses.get(c).sorted();
      int i = more.firstAtLeast(from);
      return i < more.size() && more.get(i) <= to;
    }
  }

  /** The durations, in milliseconds, of the closed cases that have an earlier opening. */
  private static final class Durations {
    final long[] any;
    final long[] with;
    final long[] without;
    int withoutOpening;

    Durations(CaseDurationKpi.Cases cases) {
      LongList any = new LongList();
      LongList with = new LongList();
      LongList without = new LongList();
      for (int c = 0; c < cases.closed.length; c++) {
        long closed = cases.closed[c];
        if (closed == Long.MAX_VALUE) {
          continue;
        }
        long opened = cases.opened[c];
        if (opened > closed) {
          withoutOpening++;
          continue;
        }
        long d = closed - opened;
        any.add(d);
        (cases.usedBetween(c, opened, closed) ? with : without).add(d);
      }
      this.any = any.sortedCopy();
      this.with = with.sortedCopy();
      this.without = without.sortedCopy();
    }
  }
}
