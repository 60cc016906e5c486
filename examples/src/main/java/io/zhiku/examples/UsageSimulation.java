package io.zhiku.examples;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.metrics.kpi.Kpis;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Part 8, first half: a year of the division's work replayed as the events its systems record, six
 * months before Zhiku went live and six after. Seeded, so every run tells the same story. What changes
 * at go-live is what the source articles report of knowledge management done well: more searches end
 * in a click, more items are reused, cases that use knowledge close sooner, questions are answered
 * sooner, projects are shorter and fail less, more proposals and contributions, better ratings.
 *
 * <p>Everything is an ordinary {@link UsageEvent} a host would record: searches, clicks, reuses with the
 * minutes they saved, pushes shown and accepted, cases opened and closed (with the {@code case}
 * attribute), questions asked and accepted, projects started and ended, proposals, ratings,
 * contributions (new items) and verifications.
 */
public final class UsageSimulation {
  /** When the libraries were set up: the simulated year starts here. */
  public static final Instant START = Instant.parse("2025-11-01T00:00:00Z");
  /** When Zhiku went live: the end of the baseline, the start of the current period. */
  public static final Instant GO_LIVE = Instant.parse("2026-05-01T00:00:00Z");
  /** The end of the simulated year. */
  public static final Instant END = Instant.parse("2026-11-01T00:00:00Z");
  /** How many people act: 40 colleagues in five units, and the people of {@link Roles} but the knowledge office. */
  public static final int PEOPLE = 46;

  private static final String[] UNITS = {"sales-east", "sales-north", "education-team", "product-team", "solution-center"};
  private static final String[] ROLES = {"customer-manager", "customer-manager", "industry-manager", "product-manager",
      "solution-architect"};
  private static final String[] INDUSTRIES = {"ind.smart-campus", "ind.healthcare", "ind.logistics", "ind.government"};
  private static final String[] PRODUCTS = {"prod.5g-private", "prod.sdwan", "prod.iot", "prod.video", "prod.cloud"};
  private static final String[] QUERIES = {"5G专网 方案", "智慧校园", "SD-WAN 报价", "医院 物联网", "政务云 迁移",
      "proposal template", "视频监控 存储", "campus card SSO", "投标 技巧", "边缘计算"};

  private final KnowledgeBase kb;
  private final DemoClock clock;
  private final Random random = new Random(2026);
  private final List<Principal> people = new ArrayList<>();
  private final List<UsageEvent> events = new ArrayList<>();
  private final List<String> items = new ArrayList<>();
  private final List<String> answers = new ArrayList<>();
  private int sequence;

  private UsageSimulation(KnowledgeBase kb, DemoClock clock) {
    this.kb = kb;
    this.clock = clock;
    for (int i = 0; i < PEOPLE - 6; i++) {
      int unit = i % UNITS.length;
      people.add(Principal.of(String.format("u%02d", i), List.of(UNITS[unit]), List.of(ROLES[unit])));
    }
    people.addAll(List.of(Roles.WANG, Roles.LI, Roles.ZHAO, Roles.CHEN, Roles.LIU, Roles.SUN));
    answers.addAll(List.of("a-campus-card-chen", "sol-campus-5g", "sol-hospital-iot", "sol-logistics-sdwan"));
  }

  /**
   * Replays the year into the knowledge base: items contributed along the way are put at their time (the
   * clock is moved), the events are recorded in one batch, and the clock ends at {@link #END}.
   *
   * @param kb the knowledge base with the four libraries
   * @param clock the demo's clock
   * @return how many events were recorded
   */
  public static int run(KnowledgeBase kb, DemoClock clock) {
    UsageSimulation s = new UsageSimulation(kb, clock);
    kb.forEachItem(i -> {
      if (i.acl().permits(Principal.of("anyone"))) {
        s.items.add(i.id());
      }
    });
    for (Instant month = START; month.isBefore(END); month = month.atZone(ZoneOffset.UTC).plusMonths(1).toInstant()) {
      s.month(month, !month.isBefore(GO_LIVE));
    }
    kb.events().recordAll(s.events);
    clock.set(END);
    kb.refresh();
    return s.events.size();
  }

  private void month(Instant from, boolean live) {
    contributions(from, live ? 6 : 3);
    for (int i = 0; i < 250; i++) {
      search(at(from), live);
    }
    for (String item : items) { // reuse, with the minutes it saved (by the author it does not count as reuse)
      if (random.nextDouble() < (live ? 0.11 : 0.035)) {
        add(UsageEventType.REUSE, at(from), person(), item, null, 20.0 + random.nextInt(100));
      }
    }
    for (int i = 0; i < (live ? 150 : 80); i++) {
      Instant t = at(from);
      Principal p = person();
      String item = item();
      add(UsageEventType.PUSH_SHOWN, t, p, item, null, null);
      if (random.nextDouble() < (live ? 0.38 : 0.12)) {
        add(UsageEventType.PUSH_ACCEPTED, t.plusSeconds(30), p, item, null, null);
      }
    }
    for (int i = 0; i < 50; i++) {
      serviceCase(from, i, live);
    }
    for (int i = 0; i < 15; i++) {
      question(from, i, live);
    }
    for (int i = 0; i < 7; i++) {
      project(from, i, live);
    }
    for (int i = 0; i < (live ? 13 : 8); i++) {
      add(Kpis.PROPOSAL, at(from), person(), null, null, null);
    }
    for (int i = 0; i < PEOPLE - 6; i++) { // ratings 1 to 5
      double rating = Math.min(5, Math.max(1, Math.round((live ? 4.25 : 3.5) + random.nextGaussian() * 0.8)));
      add(UsageEventType.RATE, at(from), person(), item(), null, rating);
    }
    for (int i = 0; i < (live ? 5 : 2); i++) {
      add(UsageEventType.VERIFY, at(from), expert(), item(), null, null);
    }
  }

  private void contributions(Instant from, int n) {
    for (int i = 0; i < n; i++) {
      Instant t = at(from);
      Principal author = person();
      String id = "case-sim-" + (++sequence);
      clock.set(t);
      kb.put(KnowledgeItem.builder(id, ItemKind.CASE, "项目案例 " + sequence + " (project case)")
          .body("A case written up after a project: what the customer needed and what worked.")
          .concepts(INDUSTRIES[random.nextInt(INDUSTRIES.length)], PRODUCTS[random.nextInt(PRODUCTS.length)])
          .authors(author.userId()).ownerUnit(author.groups().iterator().next()).acl(Acl.PUBLIC).build());
      items.add(id);
      add(UsageEventType.CONTRIBUTE, t, author, id, null, null);
    }
  }

  private void search(Instant t, boolean live) {
    Principal p = person();
    WorkContext where = WorkContext.builder(p, t).role(p.roles().iterator().next()).build();
    boolean none = random.nextDouble() < (live ? 0.07 : 0.18);
    events.add(UsageEvent.ofSearch(t, p, QUERIES[random.nextInt(QUERIES.length)], none ? 0 : 1 + random.nextInt(20), where));
    if (!none && random.nextDouble() < (live ? 0.72 : 0.45)) {
      String item = item();
      add(UsageEventType.CLICK, t.plusSeconds(40 + random.nextInt(300)), p, item, null, null);
    }
  }

  /** A service case; the share that uses knowledge grows at go-live, and those close sooner. */
  private void serviceCase(Instant from, int i, boolean live) {
    Principal p = person();
    Instant opened = at(from);
    WorkContext work = WorkContext.builder(p, opened).attribute(Kpis.CASE, "case-" + from.getEpochSecond() + "-" + i).build();
    boolean withKnowledge = random.nextDouble() < (live ? 0.65 : 0.25);
    double hours = withKnowledge ? (live ? 16 : 24) : (live ? 29 : 31);
    hours = Math.max(1, hours * (0.5 + random.nextDouble()));
    add(Kpis.CASE_OPENED, opened, p, null, work, null);
    if (withKnowledge) {
      add(UsageEventType.VIEW, opened.plus(Duration.ofMinutes(20)), p, item(), work, null);
    }
    add(Kpis.CASE_CLOSED, opened.plus(Duration.ofMinutes((long) (hours * 60))), p, null, work, null);
  }

  private void question(Instant from, int i, boolean live) {
    Principal asker = person();
    Instant asked = at(from);
    WorkContext work = WorkContext.builder(asker, asked).attribute(Kpis.QUESTION, "q-" + from.getEpochSecond() + "-" + i).build();
    events.add(UsageEvent.builder(UsageEventType.QUESTION_ASKED, asked, asker).context(work).query("一个问题 a question", null).build());
    double hours = Math.max(0.5, (live ? 10 : 40) * (0.4 + 1.2 * random.nextDouble()));
    Instant accepted = asked.plus(Duration.ofMinutes((long) (hours * 60)));
    add(UsageEventType.ACCEPTED, accepted, asker, answers.get(random.nextInt(answers.size())), work, null);
  }

  private void project(Instant from, int i, boolean live) {
    Principal p = person();
    Instant ended = at(from);
    double days = Math.max(30, (live ? 120 : 180) + random.nextGaussian() * (live ? 30 : 40));
    WorkContext work = WorkContext.builder(p, ended).attribute(WorkContext.PROJECT, "p-" + from.getEpochSecond() + "-" + i).build();
    Instant started = ended.minus(Duration.ofMinutes((long) (days * 24 * 60)));
    add(Kpis.PROJECT_STARTED, started, p, null, work, null);
    add(Kpis.PROJECT_ENDED, ended, p, null, work, random.nextDouble() < (live ? 0.15 : 0.25) ? 0.0 : 1.0);
  }

  private void add(UsageEventType type, Instant time, Principal p, String item, WorkContext work, Double value) {
    UsageEvent.Builder e = UsageEvent.builder(type, time, p).item(item).context(work);
    if (value != null) {
      e.value(value);
    }
    events.add(e.build());
  }

  private Instant at(Instant monthStart) {
    return monthStart.plusSeconds(random.nextInt(28 * 86_400));
  }

  private Principal person() {
    return people.get(random.nextInt(people.size()));
  }

  private Principal expert() {
    return List.of(Roles.CHEN, Roles.LIU, Roles.SUN).get(random.nextInt(3));
  }

  /** An item, the first-loaded ones (the curated core) more often. */
  private String item() {
    int n = items.size();
    return items.get(Math.min(n - 1, (int) (n * Math.pow(random.nextDouble(), 2))));
  }
}
