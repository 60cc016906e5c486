package io.zhiku.metrics.kpi;

import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEventType;
import java.util.HashMap;
import java.util.Map;

/**
 * The share of a period's searches that the same person followed by using an item (a click, view or
 * reuse) before their next search and within the window. Works per person on sorted times, so it needs no
 * order from the scan.
 */
final class SearchSuccessKpi extends DefinedKpi {
  private final long windowMillis;

  SearchSuccessKpi(KpiDefinition definition) {
    super(definition);
    this.windowMillis = definition.lookahead().toMillis();
  }

  @Override
  public Collector collector(KpiScope scope) {
    long end = scope.period().end().toEpochMilli();
    String search = UsageEventType.SEARCH.name();
    return new Collector() {
      private final Map<String, Person> people = new HashMap<>();

      @Override
      public void accept(EventRow row) {
        Person p = people.computeIfAbsent(row.userId(), u -> new Person());
        (search.equals(row.type()) ? p.searches : p.uses).add(row.timeMillis());
      }

      @Override
      public KpiValue finish() {
        long searches = 0;
        long successes = 0;
        for (Person p : people.values()) {
          LongList s = p.searches.sorted();
          LongList u = p.uses.sorted();
          for (int i = 0; i < s.size() && s.get(i) < end; i++) {
            long t = s.get(i);
            long next = i + 1 < s.size() ? s.get(i + 1) : Long.MAX_VALUE;
            int j = u.firstAtLeast(t);
            searches++;
            if (j < u.size() && u.get(j) <= t + windowMillis && u.get(j) < next) {
              successes++;
            }
          }
        }
        return scope.rate(successes, searches);
      }
    };
  }

  /** One person's search times and item-use times. */
  private static final class Person {
    final LongList searches = new LongList();
    final LongList uses = new LongList();
  }
}
