package io.zhiku.metrics.kpi;

import io.zhiku.core.ValidationException;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.internal.RadixSort;
import java.util.Arrays;

/**
 * The share of a period's searches that the same person followed by using an item (a click, view or
 * reuse) before their next search and within the window. Needs no order from the scan: rows go into flat
 * arrays (a person's number, and the time with a flag for a use), which the end sorts by time (radix)
 * and then groups by person (a stable counting sort).
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
  public Collector collector(KpiScope scope) {
    long start = scope.period().start().toEpochMilli();
    long end = scope.period().end().toEpochMilli();
    if (end - start > MAX_SPAN_MILLIS - windowMillis) {
      throw new ValidationException("period", scope.period(), "at most " + MAX_SPAN_MILLIS + " ms for " + definition().id());
    }
    String search = UsageEventType.SEARCH.name();
    return new Collector() {
      private int[] people = new int[1024];
      private long[] marks = new long[1024];
      private int n;
      private int maxPerson = -1;

      @Override
      public void accept(EventRow row) {
        long t = row.timeMillis();
        if (t < start) {
          return; // outside the query: a source's mistake, not a search of the period
        }
        if (n == people.length) {
          people = Arrays.copyOf(people, 2 * n);
          marks = Arrays.copyOf(marks, 2 * n);
        }
        int person = row.userNumber();
        people[n] = person;
        // at one instant a use (flag 1) sorts after the search (flag 0) it may answer
        marks[n++] = (t - start) << 1 | (search.equals(row.type()) ? 0 : 1);
        maxPerson = Math.max(maxPerson, person);
      }

      @Override
      public KpiValue finish() {
        if (n == 0) {
          return scope.rate(0, 0);
        }
        int[] from = new int[maxPerson + 2];
        long[] byPerson = groupByPerson(people, marks, n, from, 63);
        long searches = 0;
        long successes = 0;
        long endRel = end - start;
        for (int p = 0; p <= maxPerson; p++) {
          // backwards in time: the first use at or after each search, and the search after it
          long nextUse = Long.MAX_VALUE;
          long nextSearch = Long.MAX_VALUE;
          for (int i = from[p + 1] - 1; i >= from[p]; i--) {
            long t = byPerson[i] >> 1;
            if ((byPerson[i] & 1) == 1) {
              nextUse = t;
              continue;
            }
            if (t < endRel) {
              searches++;
              if (nextUse <= t + windowMillis && nextUse < nextSearch) {
                successes++;
              }
            }
            nextSearch = t;
          }
        }
        return scope.rate(successes, searches);
      }
    };
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
