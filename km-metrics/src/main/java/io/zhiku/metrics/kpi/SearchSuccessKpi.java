package io.zhiku.metrics.kpi;

import io.zhiku.core.ValidationException;
import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.internal.RadixSort;
import java.util.Arrays;

/**
 * The share of a period's searches that the same person followed by using an item (a click, view or
 * reuse) before their next search and within the window. Needs no order from the scan: rows go into a
 * flat array of longs (a person's number above the time with a flag for a use), which the end sorts
 * once (radix); a person numbered too high for that turns it into two arrays, sorted by time (radix) and
 * then grouped by person (a stable counting sort).
 */
final class SearchSuccessKpi extends DefinedKpi {
  /** Times are kept relative to the period's start, shifted left by one for the flag. */
  private static final long MAX_SPAN_MILLIS = 1L << 61;

  private final long windowMillis;

  SearchSuccessKpi(KpiDefinition definition) {
    super(definition);
    this.windowMillis = definition.lookahead().toMillis();
  }

  @Override
  Object[] textArguments() {
    return new Object[] {definition().lookahead().toMinutes()};
  }

  @Override
  public Collector collector(KpiScope scope) {
    long start = scope.period().start().toEpochMilli();
    long end = scope.period().end().toEpochMilli();
    if (end - start > MAX_SPAN_MILLIS - windowMillis) {
      throw new ValidationException("period", scope.period(), "at most " + MAX_SPAN_MILLIS + " ms for " + definition().id());
    }
    UsageEventType[] types = definition().events().toArray(UsageEventType[]::new);
    long horizon = end + windowMillis;
    // A person's number and the mark share one long while the numbers fit above the marks: one array
    // to fill and sort. A person numbered higher turns the collector to two arrays, person and mark.
    int markBits = 64 - Long.numberOfLeadingZeros((horizon - start) << 1);
    long personLimit = 1L << Math.max(0, 63 - markBits);
    long markMask = (1L << markBits) - 1;
    return new BlockCollector(scope) {
      private long[] keys = new long[1024]; // person << markBits | mark; or, after the turn, marks alone
      private int[] people; // null until the turn
      private int n;
      private int maxPerson = -1;

      @Override
      void require(EventColumns.Builder columns) {
        columns.types(types);
      }

      @Override
      void accept(BlockRows rows) {
        for (UsageEventType t : types) {
          int flag = t.equals(UsageEventType.SEARCH) ? 0 : 1; // at one instant a use (1) sorts after the search (0) it may answer
          add(rows, rows.from(t), rows.to(t), flag);
          add(rows, rows.lookaheadFrom(t), rows.lookaheadTo(t), flag);
        }
      }

      private void add(BlockRows rows, int from, int to, int flag) {
        EventBlock b = rows.block();
        if (n + (to - from) > keys.length) {
          int size = Math.max(2 * keys.length, n + (to - from));
          keys = Arrays.copyOf(keys, size);
          people = people == null ? null : Arrays.copyOf(people, size);
        }
        for (int j = from; j < to; j++) {
          int i = rows.row(j);
          long t = b.time(i);
          if (t < start || t >= horizon) {
            continue; // outside the query: a source's mistake, not an event of the period or its window
          }
          int person = b.userNumber(i);
          long mark = (t - start) << 1 | flag;
          if (people == null && person >= personLimit) {
            unpack();
          }
          if (people == null) {
            keys[n++] = (long) person << markBits | mark;
          } else {
            people[n] = person;
            keys[n++] = mark;
          }
          maxPerson = Math.max(maxPerson, person);
        }
      }

      /** Turns to two arrays: a person's number no longer fits above the marks. */
      private void unpack() {
        people = new int[keys.length];
        for (int i = 0; i < n; i++) {
          people[i] = (int) (keys[i] >>> markBits);
          keys[i] &= markMask;
        }
      }

      @Override
      public KpiValue finish() {
        if (n == 0) {
          return scope.rate(0, 0);
        }
        Tally tally = new Tally(end - start, windowMillis);
        if (people == null) {
          RadixSort.sort(keys, null, n); // by person, then mark
          long person = -1;
          for (int i = n - 1; i >= 0; i--) {
            if (keys[i] >>> markBits != person) {
              person = keys[i] >>> markBits;
              tally.nextPerson();
            }
            tally.add(keys[i] & markMask);
          }
        } else {
          int[] from = new int[maxPerson + 2];
          long[] byPerson = groupByPerson(people, keys, n, from, 63);
          for (int p = 0; p <= maxPerson; p++) {
            tally.nextPerson();
            for (int i = from[p + 1] - 1; i >= from[p]; i--) {
              tally.add(byPerson[i]);
            }
          }
        }
        return scope.rate(tally.successes, tally.searches);
      }
    };
  }

  /**
   * Counts searches and successes from one person's marks at a time, each person's backwards in time:
   * the first use at or after each search, and the search after it, decide.
   */
  private static final class Tally {
    private final long endRel;
    private final long window;
    long searches;
    long successes;
    private long nextUse;
    private long nextSearch;

    Tally(long endRel, long window) {
      this.endRel = endRel;
      this.window = window;
    }

    void nextPerson() {
      nextUse = Long.MAX_VALUE;
      nextSearch = Long.MAX_VALUE;
    }

    void add(long mark) {
      long t = mark >> 1;
      if ((mark & 1) == 1) {
        nextUse = t;
        return;
      }
      if (t < endRel) {
        searches++;
        if (nextUse <= t + window && nextUse < nextSearch) {
          successes++;
        }
      }
      nextSearch = t;
    }
  }

  /**
   * The marks grouped by person, each person's sorted (times, then a search before a use at the same
   * instant), with {@code from[p]..from[p + 1]} the range of person {@code p}. One radix sort of person
   * and mark together when both fit in {@code maxKeyBits}; else a radix sort of the marks carrying the
   * people and a stable counting sort by person.
   *
   * @param from filled with the people's ranges; its length is the largest person plus two
   */
  static long[] groupByPerson(int[] people, long[] marks, int n, int[] from, int maxKeyBits) {
    long maxMark = 0;
    for (int i = 0; i < n; i++) {
      from[people[i] + 1]++;
      maxMark = Math.max(maxMark, marks[i]);
    }
    for (int p = 0; p + 1 < from.length; p++) {
      from[p + 1] += from[p];
    }
    int markBits = 64 - Long.numberOfLeadingZeros(maxMark);
    int personBits = 32 - Integer.numberOfLeadingZeros(from.length - 2);
    if (markBits + personBits <= maxKeyBits) {
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] = (long) people[i] << markBits | marks[i];
      }
      RadixSort.sort(keys, null, n);
      long mask = (1L << markBits) - 1;
      for (int i = 0; i < n; i++) {
        keys[i] &= mask;
      }
      return keys;
    }
    RadixSort.sort(marks, people, n); // by time; a stable grouping by person keeps that order
    long[] byPerson = new long[n];
    int[] next = Arrays.copyOf(from, from.length - 1);
    for (int i = 0; i < n; i++) {
      byPerson[next[people[i]]++] = marks[i];
    }
    return byPerson;
  }
}
