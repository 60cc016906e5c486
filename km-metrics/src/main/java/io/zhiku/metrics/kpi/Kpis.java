package io.zhiku.metrics.kpi;

import static io.zhiku.metrics.compare.KpiDirection.HIGHER_IS_BETTER;
import static io.zhiku.metrics.compare.KpiDirection.LOWER_IS_BETTER;

import io.zhiku.core.ValidationException;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.metrics.compare.KpiDirection;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The standard KPIs, and the event types and context attributes a host records so that they can be
 * computed. Stateless; every KPI it returns is immutable and thread-safe.
 *
 * <p>What the host records, beyond what the knowledge base records itself (searches, pushes):
 *
 * <ul>
 *   <li>item use: {@code view}, {@code click}, {@code reuse} (with the minutes it saved as the value, for
 *       {@link #TIME_SAVED}), {@code rate} (the rating), {@code helpful} (value 1 or 0), {@code contribute},
 *       {@code verify}, {@code push-accepted};
 *   <li>questions: {@code question-asked} and, when an answer is accepted, {@code accepted}, both in a work
 *       context with the attribute {@link #QUESTION} naming the question;
 *   <li>tickets and cases: {@link #CASE_OPENED} and {@link #CASE_CLOSED} with the attribute {@link #CASE};
 *       item events in the same context (attribute {@link #CASE}) mark the case as solved with knowledge;
 *   <li>projects: {@link #PROJECT_STARTED} and {@link #PROJECT_ENDED} (value 1 succeeded, 0 failed) with the
 *       attribute {@link WorkContext#PROJECT};
 *   <li>innovation: {@link #PROPOSAL} for each proposal made.
 * </ul>
 */
public final class Kpis {
  /** A ticket or case was opened: a host event type. */
  public static final UsageEventType CASE_OPENED = UsageEventType.of("case-opened");
  /** A ticket or case was closed: a host event type. */
  public static final UsageEventType CASE_CLOSED = UsageEventType.of("case-closed");
  /** A project started: a host event type. */
  public static final UsageEventType PROJECT_STARTED = UsageEventType.of("project-started");
  /** A project ended; the value is 1 if it succeeded and 0 if it failed: a host event type. */
  public static final UsageEventType PROJECT_ENDED = UsageEventType.of("project-ended");
  /** Someone made an innovation proposal: a host event type. */
  public static final UsageEventType PROPOSAL = UsageEventType.of("proposal");
  /** Context attribute naming the case or ticket. */
  public static final String CASE = "case";
  /** Context attribute naming the question. */
  public static final String QUESTION = "question";

  /** KPI id: knowledge reuse rate. */
  public static final String REUSE_RATE = "reuse-rate";
  /** KPI id: search success rate. */
  public static final String SEARCH_SUCCESS_RATE = "search-success-rate";
  /** KPI id: zero-result rate. */
  public static final String ZERO_RESULT_RATE = "zero-result-rate";
  /** KPI id: push acceptance rate. */
  public static final String PUSH_ACCEPTANCE_RATE = "push-acceptance-rate";
  /** KPI id: time to answer. */
  public static final String TIME_TO_ANSWER = "time-to-answer";
  /** KPI id: resolution time. */
  public static final String RESOLUTION_TIME = "resolution-time";
  /** KPI id: resolution time of cases solved with knowledge. */
  public static final String RESOLUTION_TIME_WITH_KNOWLEDGE = "resolution-time-with-knowledge";
  /** KPI id: resolution time of cases solved without knowledge. */
  public static final String RESOLUTION_TIME_WITHOUT_KNOWLEDGE = "resolution-time-without-knowledge";
  /** KPI id: project cycle time. */
  public static final String PROJECT_CYCLE_TIME = "project-cycle-time";
  /** KPI id: project failure rate. */
  public static final String PROJECT_FAILURE_RATE = "project-failure-rate";
  /** KPI id: innovation proposals. */
  public static final String INNOVATION_PROPOSALS = "innovation-proposals";
  /** KPI id: contributions. */
  public static final String CONTRIBUTIONS = "contributions";
  /** KPI id: contributors. */
  public static final String CONTRIBUTORS = "contributors";
  /** KPI id: active users. */
  public static final String ACTIVE_USERS = "active-users";
  /** KPI id: adoption rate (see {@link #adoptionRate}). */
  public static final String ADOPTION_RATE = "adoption-rate";
  /** KPI id: coverage. */
  public static final String COVERAGE = "coverage";
  /** KPI id: overdue reviews (freshness). */
  public static final String OVERDUE_REVIEWS = "overdue-reviews";
  /** KPI id: satisfaction. */
  public static final String SATISFACTION = "satisfaction";
  /** KPI id: helpful share. */
  public static final String HELPFUL_SHARE = "helpful-share";
  /** KPI id: time saved. */
  public static final String TIME_SAVED = "time-saved";

  /** How long after a search an item use still makes it a success. */
  public static final Duration SEARCH_SUCCESS_WINDOW = Duration.ofMinutes(30);

  private static final Set<UsageEventType> KNOWLEDGE_USE =
      Set.of(UsageEventType.VIEW, UsageEventType.CLICK, UsageEventType.REUSE, UsageEventType.PUSH_ACCEPTED);
  private static final double HOUR = 3_600_000;
  private static final double DAY = 86_400_000;

  private static final List<Kpi> STANDARD = List.of(
      reuseRate(), searchSuccessRate(), zeroResultRate(), pushAcceptanceRate(), timeToAnswer(),
      resolutionTime(CaseDurationKpi.Knowledge.ANY), resolutionTime(CaseDurationKpi.Knowledge.WITH),
      resolutionTime(CaseDurationKpi.Knowledge.WITHOUT), projectCycleTime(), projectFailureRate(),
      innovationProposals(), contributions(), contributors(), activeUsers(), coverage(), overdueReviews(),
      satisfaction(), helpfulShare(), timeSaved());

  private Kpis() {}

  /**
   * Every standard KPI, in the order reports list them. {@link #adoptionRate} is not among them: it needs
   * the host's headcount.
   *
   * @return the KPIs
   */
  public static List<Kpi> standard() {
    return STANDARD;
  }

  /**
   * The share of the people of a population (the licensed or targeted users) who did anything with
   * knowledge in the period.
   *
   * @param headcount the population's size, at least 1
   * @return the KPI
   * @throws ValidationException if the headcount is below 1
   */
  public static Kpi adoptionRate(long headcount) {
    if (headcount < 1) {
      throw new ValidationException("headcount", headcount, "at least 1");
    }
    return new EventCountKpi(define(ADOPTION_RATE, "Adoption rate", KpiUnit.PERCENT, HIGHER_IS_BETTER,
        "Share of the population (headcount " + headcount + ") who recorded any event in the period.",
        "distinct people with an event ÷ headcount").everyEvent().build(), true, headcount);
  }

  private static KpiDefinition.Builder define(String id, String name, KpiUnit unit, KpiDirection direction, String text, String formula) {
    return KpiDefinition.builder(id, name, unit, direction).describe(text, formula);
  }

  private static Kpi reuseRate() {
    return new ItemKpi(define(REUSE_RATE, "Knowledge reuse rate", KpiUnit.PERCENT, HIGHER_IS_BETTER,
        "Share of the published items that someone other than their authors reused in the period.",
        "items with a reuse event by a non-author ÷ published items existing at the period's end")
        .events(UsageEventType.REUSE).usesItems().build(), ItemKpi.Figure.REUSE);
  }

  private static Kpi searchSuccessRate() {
    return new SearchSuccessKpi(define(SEARCH_SUCCESS_RATE, "Search success rate", KpiUnit.PERCENT, HIGHER_IS_BETTER,
        "Share of searches the same person followed by a click, view or reuse of an item before their next search, "
            + "within " + SEARCH_SUCCESS_WINDOW.toMinutes() + " minutes.",
        "searches followed by an item use ÷ searches")
        .events(UsageEventType.SEARCH, UsageEventType.CLICK, UsageEventType.VIEW, UsageEventType.REUSE)
        .lookahead(SEARCH_SUCCESS_WINDOW).build());
  }

  private static Kpi zeroResultRate() {
    return new EventRateKpi(define(ZERO_RESULT_RATE, "Zero-result rate", KpiUnit.PERCENT, LOWER_IS_BETTER,
        "Share of searches that found nothing: the gaps in the knowledge base, as people meet them.",
        "searches with 0 results ÷ searches").events(UsageEventType.SEARCH).build(),
        UsageEventType.SEARCH, EventRateKpi.ANY, UsageEventType.SEARCH, (b, i) -> b.resultCount(i) == 0,
        EventColumns.Column.RESULT_COUNT);
  }

  private static Kpi pushAcceptanceRate() {
    return new EventRateKpi(define(PUSH_ACCEPTANCE_RATE, "Push acceptance rate", KpiUnit.PERCENT, HIGHER_IS_BETTER,
        "Share of pushed items that people accepted (opened or used).", "push-accepted events ÷ push-shown events")
        .events(UsageEventType.PUSH_SHOWN, UsageEventType.PUSH_ACCEPTED).build(),
        UsageEventType.PUSH_SHOWN, EventRateKpi.ANY, UsageEventType.PUSH_ACCEPTED, EventRateKpi.ANY);
  }

  private static Kpi timeToAnswer() {
    return new CaseDurationKpi(define(TIME_TO_ANSWER, "Time to answer", KpiUnit.HOURS, LOWER_IS_BETTER,
        "For the questions whose answer was accepted in the period: the time from asking to the first accepted answer "
            + "(events with the same '" + QUESTION + "' context attribute).",
        "mean of (accepted − question-asked) in hours")
        .events(UsageEventType.QUESTION_ASKED, UsageEventType.ACCEPTED).build(),
        UsageEventType.QUESTION_ASKED, UsageEventType.ACCEPTED, QUESTION, Set.of(), HOUR, CaseDurationKpi.Knowledge.ANY);
  }

  private static Kpi resolutionTime(CaseDurationKpi.Knowledge which) {
    String id = switch (which) {
      case ANY -> RESOLUTION_TIME;
      case WITH -> RESOLUTION_TIME_WITH_KNOWLEDGE;
      case WITHOUT -> RESOLUTION_TIME_WITHOUT_KNOWLEDGE;
    };
    String name = switch (which) {
      case ANY -> "Resolution time";
      case WITH -> "Resolution time, knowledge used";
      case WITHOUT -> "Resolution time, no knowledge used";
    };
    String only = switch (which) {
      case ANY -> "";
      case WITH -> " Only cases in which an item was viewed, clicked, reused or accepted from a push in the case's context.";
      case WITHOUT -> " Only cases in which no item was viewed, clicked, reused or accepted from a push in the case's context.";
    };
    KpiDefinition.Builder b = define(id, name, KpiUnit.HOURS, LOWER_IS_BETTER,
        "For the tickets and cases closed in the period: the time from opening to closing (events with the same '"
            + CASE + "' context attribute)." + only,
        "mean of (case-closed − case-opened) in hours");
    List<UsageEventType> types = new java.util.ArrayList<>(List.of(CASE_OPENED, CASE_CLOSED));
    if (which != CaseDurationKpi.Knowledge.ANY) {
      types.addAll(KNOWLEDGE_USE);
    }
    b = b.events(types.toArray(UsageEventType[]::new));
    return new CaseDurationKpi(b.build(), CASE_OPENED, CASE_CLOSED, CASE, KNOWLEDGE_USE, HOUR, which);
  }

  private static Kpi projectCycleTime() {
    return new CaseDurationKpi(define(PROJECT_CYCLE_TIME, "Project cycle time", KpiUnit.DAYS, LOWER_IS_BETTER,
        "For the projects that ended in the period: the time from start to end (events with the same '"
            + WorkContext.PROJECT + "' context attribute).",
        "mean of (project-ended − project-started) in days").events(PROJECT_STARTED, PROJECT_ENDED).build(),
        PROJECT_STARTED, PROJECT_ENDED, WorkContext.PROJECT, Set.of(), DAY, CaseDurationKpi.Knowledge.ANY);
  }

  private static Kpi projectFailureRate() {
    return new EventRateKpi(define(PROJECT_FAILURE_RATE, "Project failure rate", KpiUnit.PERCENT, LOWER_IS_BETTER,
        "Share of the projects that ended in the period that failed (project-ended with value 0; any other value is a "
            + "success; ends without a value are not counted).",
        "project-ended with value 0 ÷ project-ended with a value").events(PROJECT_ENDED).build(),
        PROJECT_ENDED, (b, i) -> !Double.isNaN(b.value(i)), PROJECT_ENDED, (b, i) -> b.value(i) == 0,
        EventColumns.Column.VALUE);
  }

  private static Kpi innovationProposals() {
    return new EventCountKpi(define(INNOVATION_PROPOSALS, "Innovation proposals", KpiUnit.COUNT, HIGHER_IS_BETTER,
        "Innovation proposals made in the period.", "count of proposal events").events(PROPOSAL).build(), false, 0);
  }

  private static Kpi contributions() {
    return new EventCountKpi(define(CONTRIBUTIONS, "Contributions", KpiUnit.COUNT, HIGHER_IS_BETTER,
        "Items created or substantially revised in the period.", "count of contribute events")
        .events(UsageEventType.CONTRIBUTE).build(), false, 0);
  }

  private static Kpi contributors() {
    return new EventCountKpi(define(CONTRIBUTORS, "Contributors", KpiUnit.PEOPLE, HIGHER_IS_BETTER,
        "People who contributed at least once in the period.", "distinct people with a contribute event")
        .events(UsageEventType.CONTRIBUTE).build(), true, 0);
  }

  private static Kpi activeUsers() {
    return new EventCountKpi(define(ACTIVE_USERS, "Active users", KpiUnit.PEOPLE, HIGHER_IS_BETTER,
        "People who did anything with knowledge in the period (searched, viewed, used, rated, contributed...).",
        "distinct people with any event").everyEvent().build(), true, 0);
  }

  private static Kpi coverage() {
    return new ItemKpi(define(COVERAGE, "Coverage", KpiUnit.PERCENT, HIGHER_IS_BETTER,
        "Share of the taxonomy's concepts (or of the segment's concept and its narrower ones) with at least one current, "
            + "verified item classified under the concept itself: published, verified before the period's end and not due "
            + "for review then.",
        "concepts with a current verified item ÷ concepts").usesItems().build(), ItemKpi.Figure.COVERAGE);
  }

  private static Kpi overdueReviews() {
    return new ItemKpi(define(OVERDUE_REVIEWS, "Overdue reviews", KpiUnit.PERCENT, LOWER_IS_BETTER,
        "Freshness: share of the published items whose review date had passed at the period's end.",
        "published items due for review ÷ published items").usesItems().build(), ItemKpi.Figure.OVERDUE);
  }

  private static Kpi satisfaction() {
    return new EventValueKpi(define(SATISFACTION, "Satisfaction", KpiUnit.SCORE, HIGHER_IS_BETTER,
        "The mean rating given to items in the period, on the host's scale.", "mean of the rate events' values")
        .events(UsageEventType.RATE).build(), true, 1);
  }

  private static Kpi helpfulShare() {
    return new EventRateKpi(define(HELPFUL_SHARE, "Helpful votes", KpiUnit.PERCENT, HIGHER_IS_BETTER,
        "Share of helpful votes that said the item helped (value 1, or no value); value 0 says it did not.",
        "helpful events with value ≠ 0 ÷ helpful events").events(UsageEventType.HELPFUL).build(),
        UsageEventType.HELPFUL, EventRateKpi.ANY, UsageEventType.HELPFUL, (b, i) -> b.value(i) != 0,
        EventColumns.Column.VALUE);
  }

  private static Kpi timeSaved() {
    return new EventValueKpi(define(TIME_SAVED, "Time saved", KpiUnit.HOURS, HIGHER_IS_BETTER,
        "Hours saved by reusing knowledge, as the host records them: the minutes saved as the value of reuse events.",
        "sum of reuse events' values (minutes) ÷ 60").events(UsageEventType.REUSE).build(), false, 1.0 / 60);
  }
}
