package io.zhiku.metrics.kpi;

import static io.zhiku.metrics.compare.KpiDirection.HIGHER_IS_BETTER;
import static io.zhiku.metrics.compare.KpiDirection.LOWER_IS_BETTER;

import io.zhiku.core.ValidationException;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.metrics.compare.KpiDirection;
import io.zhiku.metrics.internal.Texts;
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
    return new EventCountKpi(define(ADOPTION_RATE, KpiUnit.PERCENT, HIGHER_IS_BETTER, headcount).everyEvent().build(), true, headcount);
  }

  /** A definition whose name, definition and formula are the English texts of {@code kpi.<id>}. */
  private static KpiDefinition.Builder define(String id, KpiUnit unit, KpiDirection direction, Object... textArguments) {
    String key = "kpi." + id;
    Texts en = Texts.ENGLISH;
    return KpiDefinition.builder(id, en.get(key + ".name", textArguments), unit, direction)
        .describe(en.get(key + ".definition", textArguments), en.get(key + ".formula", textArguments));
  }

  private static Kpi reuseRate() {
    return new ItemKpi(define(REUSE_RATE, KpiUnit.PERCENT, HIGHER_IS_BETTER)
        .events(UsageEventType.REUSE).usesItems().build(), ItemKpi.Figure.REUSE);
  }

  private static Kpi searchSuccessRate() {
    return new SearchSuccessKpi(define(SEARCH_SUCCESS_RATE, KpiUnit.PERCENT, HIGHER_IS_BETTER, SEARCH_SUCCESS_WINDOW.toMinutes())
        .events(UsageEventType.SEARCH, UsageEventType.CLICK, UsageEventType.VIEW, UsageEventType.REUSE)
        .lookahead(SEARCH_SUCCESS_WINDOW).build());
  }

  private static Kpi zeroResultRate() {
    return new EventRateKpi(define(ZERO_RESULT_RATE, KpiUnit.PERCENT, LOWER_IS_BETTER).events(UsageEventType.SEARCH).build(),
        UsageEventType.SEARCH, EventRateKpi.ANY, UsageEventType.SEARCH, (b, i) -> b.resultCount(i) == 0,
        EventColumns.Column.RESULT_COUNT);
  }

  private static Kpi pushAcceptanceRate() {
    return new EventRateKpi(define(PUSH_ACCEPTANCE_RATE, KpiUnit.PERCENT, HIGHER_IS_BETTER)
        .events(UsageEventType.PUSH_SHOWN, UsageEventType.PUSH_ACCEPTED).build(),
        UsageEventType.PUSH_SHOWN, EventRateKpi.ANY, UsageEventType.PUSH_ACCEPTED, EventRateKpi.ANY);
  }

  private static Kpi timeToAnswer() {
    return new CaseDurationKpi(define(TIME_TO_ANSWER, KpiUnit.HOURS, LOWER_IS_BETTER, QUESTION)
        .events(UsageEventType.QUESTION_ASKED, UsageEventType.ACCEPTED).build(),
        UsageEventType.QUESTION_ASKED, UsageEventType.ACCEPTED, QUESTION, Set.of(), HOUR, CaseDurationKpi.Knowledge.ANY);
  }

  private static Kpi resolutionTime(CaseDurationKpi.Knowledge which) {
    String id = switch (which) {
      case ANY -> RESOLUTION_TIME;
      case WITH -> RESOLUTION_TIME_WITH_KNOWLEDGE;
      case WITHOUT -> RESOLUTION_TIME_WITHOUT_KNOWLEDGE;
    };
    KpiDefinition.Builder b = define(id, KpiUnit.HOURS, LOWER_IS_BETTER, CASE);
    List<UsageEventType> types = new java.util.ArrayList<>(List.of(CASE_OPENED, CASE_CLOSED));
    if (which != CaseDurationKpi.Knowledge.ANY) {
      types.addAll(KNOWLEDGE_USE);
    }
    b = b.events(types.toArray(UsageEventType[]::new));
    return new CaseDurationKpi(b.build(), CASE_OPENED, CASE_CLOSED, CASE, KNOWLEDGE_USE, HOUR, which);
  }

  private static Kpi projectCycleTime() {
    return new CaseDurationKpi(define(PROJECT_CYCLE_TIME, KpiUnit.DAYS, LOWER_IS_BETTER, WorkContext.PROJECT)
        .events(PROJECT_STARTED, PROJECT_ENDED).build(),
        PROJECT_STARTED, PROJECT_ENDED, WorkContext.PROJECT, Set.of(), DAY, CaseDurationKpi.Knowledge.ANY);
  }

  private static Kpi projectFailureRate() {
    return new EventRateKpi(define(PROJECT_FAILURE_RATE, KpiUnit.PERCENT, LOWER_IS_BETTER).events(PROJECT_ENDED).build(),
        PROJECT_ENDED, (b, i) -> !Double.isNaN(b.value(i)), PROJECT_ENDED, (b, i) -> b.value(i) == 0,
        EventColumns.Column.VALUE);
  }

  private static Kpi innovationProposals() {
    return new EventCountKpi(define(INNOVATION_PROPOSALS, KpiUnit.COUNT, HIGHER_IS_BETTER).events(PROPOSAL).build(), false, 0);
  }

  private static Kpi contributions() {
    return new EventCountKpi(define(CONTRIBUTIONS, KpiUnit.COUNT, HIGHER_IS_BETTER)
        .events(UsageEventType.CONTRIBUTE).build(), false, 0);
  }

  private static Kpi contributors() {
    return new EventCountKpi(define(CONTRIBUTORS, KpiUnit.PEOPLE, HIGHER_IS_BETTER)
        .events(UsageEventType.CONTRIBUTE).build(), true, 0);
  }

  private static Kpi activeUsers() {
    return new EventCountKpi(define(ACTIVE_USERS, KpiUnit.PEOPLE, HIGHER_IS_BETTER).everyEvent().build(), true, 0);
  }

  private static Kpi coverage() {
    return new ItemKpi(define(COVERAGE, KpiUnit.PERCENT, HIGHER_IS_BETTER).usesItems().build(), ItemKpi.Figure.COVERAGE);
  }

  private static Kpi overdueReviews() {
    return new ItemKpi(define(OVERDUE_REVIEWS, KpiUnit.PERCENT, LOWER_IS_BETTER).usesItems().build(), ItemKpi.Figure.OVERDUE);
  }

  private static Kpi satisfaction() {
    return new EventValueKpi(define(SATISFACTION, KpiUnit.SCORE, HIGHER_IS_BETTER)
        .events(UsageEventType.RATE).build(), true, 1);
  }

  private static Kpi helpfulShare() {
    return new EventRateKpi(define(HELPFUL_SHARE, KpiUnit.PERCENT, HIGHER_IS_BETTER).events(UsageEventType.HELPFUL).build(),
        UsageEventType.HELPFUL, EventRateKpi.ANY, UsageEventType.HELPFUL, (b, i) -> b.value(i) != 0,
        EventColumns.Column.VALUE);
  }

  private static Kpi timeSaved() {
    return new EventValueKpi(define(TIME_SAVED, KpiUnit.HOURS, HIGHER_IS_BETTER).events(UsageEventType.REUSE).build(), false, 1.0 / 60);
  }
}
