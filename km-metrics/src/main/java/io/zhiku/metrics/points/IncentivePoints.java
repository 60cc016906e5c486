package io.zhiku.metrics.points;

import io.zhiku.core.ValidationException;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.metrics.kpi.MetricsSource;
import io.zhiku.metrics.kpi.KpiPeriod;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Incentive points from rules, derived from the events the host records: nothing is stored, so the ledger
 * of a period is the same whenever it is computed, and a rule changed today applies to every period
 * computed after. Events are taken in time order (then by sequence number) so that daily caps cut the
 * same awards every time. Immutable and thread-safe.
 */
public final class IncentivePoints {
  /** The most rules. */
  public static final int MAX_RULES = 64;

  private final List<PointRule> rules;
  private final ZoneId zone;

  private IncentivePoints(List<PointRule> rules, ZoneId zone) {
    this.rules = rules;
    this.zone = zone;
  }

  /**
   * The standard rules: {@link PointRule#contribution()}, {@link PointRule#acceptedAnswer()}, {@link
   * PointRule#reuseByOthers()}, {@link PointRule#verification()}.
   *
   * @param zone where days (of the daily caps) begin
   * @return the points
   * @throws ValidationException if the zone is missing
   */
  public static IncentivePoints standard(ZoneId zone) {
    return of(List.of(PointRule.contribution(), PointRule.acceptedAnswer(), PointRule.reuseByOthers(),
        PointRule.verification()), zone);
  }

  /**
   * Points from the host's own rules.
   *
   * @param rules the rules, 1 to {@value #MAX_RULES}, with distinct ids; several may share an event type
   * @param zone where days (of the daily caps) begin
   * @return the points
   * @throws ValidationException if a rule is missing, ids repeat, or there are too many or none
   */
  public static IncentivePoints of(List<PointRule> rules, ZoneId zone) {
    Checks.present("rules", rules);
    if (rules.isEmpty() || rules.size() > MAX_RULES) {
      throw new ValidationException("rules", rules.size(), "1 to " + MAX_RULES + " rules");
    }
    Set<String> ids = new HashSet<>();
    for (PointRule r : rules) {
      if (!ids.add(Checks.present("rule", r).id())) {
        throw new ValidationException("PointRule.id", r.id(), "must be unique among the rules");
      }
    }
    return new IncentivePoints(List.copyOf(rules), Checks.present("zone", zone));
  }

  /** @return the rules, in order */
  public List<PointRule> rules() {
    return rules;
  }

  /**
   * The ledger of a period. The ledger applies no access rule of its own: it names everyone who earned
   * from the source's events. To show it to a person, compute it over {@link MetricsSource#visibleTo
   * source.visibleTo(person)}, as {@link io.zhiku.metrics.report.MetricsReport} does, so that nobody is
   * named for points earned from items that person may not read.
   *
   * @param source the events and items (the items give the authors)
   * @param period the period
   * @return the ledger
   * @throws ValidationException if a part is missing
   */
  public PointsLedger ledger(MetricsSource source, KpiPeriod period) {
    Checks.present("source", source);
    Checks.present("period", period);
    Map<String, List<PointRule>> byType = new HashMap<>();
    for (PointRule r : rules) {
      byType.computeIfAbsent(r.type().name(), t -> new ArrayList<>()).add(r);
    }
    List<Act> acts = new ArrayList<>();
    EventQuery q = EventQuery.builder().window(period.start(), period.end())
        .types(rules.stream().map(PointRule::type).distinct().toArray(UsageEventType[]::new)).build();
    source.scanEvents(q, row -> acts.add(new Act(row.timeMillis(), row.sequence(), row.type(), row.userId(), row.itemId())));
    acts.sort(Comparator.comparingLong(Act::time).thenComparingLong(Act::sequence));

    Map<String, KnowledgeItem> items = new HashMap<>();
    source.forEachItem(i -> items.put(i.id(), i));
    Map<String, Integer> today = new HashMap<>(); // earner|rule|day -> points
    Set<String> awarded = new HashSet<>(); // actor|item|earner|rule|day
    List<PointEntry> entries = new ArrayList<>();
    for (Act a : acts) {
      LocalDate day = Instant.ofEpochMilli(a.time).atZone(zone).toLocalDate();
      KnowledgeItem item = a.itemId == null ? null : items.get(a.itemId);
      Set<String> authors = item == null ? Set.of() : new HashSet<>(item.authors());
      for (PointRule rule : byType.getOrDefault(a.type, List.of())) {
        for (String earner : earners(rule, a.user, authors)) {
          if (!awarded.add(a.user + "|" + a.itemId + "|" + earner + "|" + rule.id() + "|" + day)) {
            continue;
          }
          String capKey = earner + "|" + rule.id() + "|" + day;
          int so = today.getOrDefault(capKey, 0);
          int points = Math.min(rule.points(), rule.dailyCap() - so);
          if (points > 0) {
            today.put(capKey, so + points);
            entries.add(new PointEntry(earner, points, rule.id(), Instant.ofEpochMilli(a.time), a.sequence, a.user, a.itemId));
          }
        }
      }
    }
    return new PointsLedger(period, entries, units(source, period, entries));
  }

  /** Who earns from one event: never someone acting on their own item, except by contributing it. */
  private static List<String> earners(PointRule rule, String actor, Set<String> authors) {
    return switch (rule.earner()) {
      case CONTRIBUTOR -> List.of(actor);
      case ACTOR -> authors.contains(actor) ? List.of() : List.of(actor);
      case AUTHORS -> authors.contains(actor) ? List.of() : authors.stream().sorted().toList();
    };
  }

  /** Each earner's groups at their latest event of the period. */
  private static Map<String, Set<String>> units(MetricsSource source, KpiPeriod period, List<PointEntry> entries) {
    List<String> earners = entries.stream().map(PointEntry::earner).distinct().sorted().toList();
    Map<String, Set<String>> units = new LinkedHashMap<>();
    Map<String, Long> latest = new HashMap<>();
    for (int from = 0; from < earners.size(); from += EventQuery.MAX_FILTER_VALUES) {
      List<String> chunk = earners.subList(from, Math.min(earners.size(), from + EventQuery.MAX_FILTER_VALUES));
      EventQuery q = new EventQuery(period.start(), period.end(), Set.of(), Set.copyOf(chunk), Set.of(), Set.of(), Map.of());
      source.scanEvents(q, row -> {
        long t = row.timeMillis();
        Long seen = latest.get(row.userId());
        if (seen == null || t > seen) {
          latest.put(row.userId(), t);
          units.put(row.userId(), Set.copyOf(row.principalGroups()));
        }
      });
    }
    earners.forEach(e -> units.putIfAbsent(e, Set.of()));
    return units;
  }

  /** An event that may earn points, kept after the scan so that events are taken in time order. */
  private record Act(long time, long sequence, String type, String user, String itemId) {}
}
