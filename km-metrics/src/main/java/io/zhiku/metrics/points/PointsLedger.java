package io.zhiku.metrics.points;

import io.zhiku.core.internal.Checks;
import io.zhiku.metrics.kpi.KpiPeriod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The incentive points of a period, derived from the events: every entry, each earner's total and unit,
 * and leaderboards. Computing it again from the same events gives the same ledger.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param period the period
 * @param entries every award, in the order of the events
 * @param units each earner's units: the groups they belonged to at their latest event of the period (empty
 *     for earners who recorded none)
 */
public record PointsLedger(KpiPeriod period, List<PointEntry> entries, Map<String, Set<String>> units) {
  /** The longest leaderboard. */
  public static final int MAX_LEADERBOARD = 1000;

  /**
   * Copies.
   *
   * @param period the period
   * @param entries every award, in the order of the events
   * @param units each earner's units: the groups they belonged to at their latest event of the period (empty
   *     for earners who recorded none)
   */
  public PointsLedger {
    entries = List.copyOf(entries);
    Map<String, Set<String>> copy = new TreeMap<>();
    units.forEach((user, groups) -> copy.put(user, Set.copyOf(groups)));
    units = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Each earner's points.
   *
   * @return total points by user id, sorted by user id
   */
  public Map<String, Long> totals() {
    Map<String, Long> out = new TreeMap<>();
    for (PointEntry e : entries) {
      out.merge(e.earner(), (long) e.points(), Long::sum);
    }
    return out;
  }

  /**
   * The top earners of the whole organisation.
   *
   * @param limit how many places, 1 to {@value #MAX_LEADERBOARD}
   * @return standings, most points first, ties by user id
   * @throws io.zhiku.core.ValidationException if the limit is out of range
   */
  public List<Standing> leaderboard(int limit) {
    return rank(totals(), limit);
  }

  /**
   * The top earners of one unit (earners whose {@link #units()} include it).
   *
   * @param unit the unit's group id
   * @param limit how many places, 1 to {@value #MAX_LEADERBOARD}
   * @return standings, most points first, ties by user id
   * @throws io.zhiku.core.ValidationException if the unit is malformed or the limit is out of range
   */
  public List<Standing> leaderboard(String unit, int limit) {
    Checks.id("unit", unit);
    Map<String, Long> mine = new HashMap<>();
    totals().forEach((user, points) -> {
      if (units.getOrDefault(user, Set.of()).contains(unit)) {
        mine.put(user, points);
      }
    });
    return rank(mine, limit);
  }

  private static List<Standing> rank(Map<String, Long> totals, int limit) {
    if (limit < 1 || limit > MAX_LEADERBOARD) {
      throw new io.zhiku.core.ValidationException("limit", limit, "1 to " + MAX_LEADERBOARD);
    }
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(totals.entrySet());
    sorted.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
    List<Standing> out = new ArrayList<>();
    for (int i = 0; i < sorted.size() && i < limit; i++) {
      long points = sorted.get(i).getValue();
      int rank = i > 0 && out.get(i - 1).points() == points ? out.get(i - 1).rank() : i + 1;
      out.add(new Standing(rank, sorted.get(i).getKey(), points));
    }
    return out;
  }
}
