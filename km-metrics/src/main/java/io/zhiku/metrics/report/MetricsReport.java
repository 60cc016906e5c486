package io.zhiku.metrics.report;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.internal.Checks;
import io.zhiku.metrics.internal.Texts;
import io.zhiku.metrics.kpi.Granularity;
import io.zhiku.metrics.kpi.ItemUsage;
import io.zhiku.metrics.kpi.KpiComparison;
import io.zhiku.metrics.kpi.KpiSegment;
import io.zhiku.metrics.kpi.KpiEngine;
import io.zhiku.metrics.kpi.KpiPeriod;
import io.zhiku.metrics.kpi.TrendPoint;
import io.zhiku.metrics.points.IncentivePoints;
import io.zhiku.metrics.points.Standing;
import io.zhiku.metrics.roi.RoiModel;
import io.zhiku.metrics.roi.RoiReport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a knowledge officer reports: every KPI of a baseline period against a current one, trends, the
 * ROI, the incentive leaderboard and the most used items, computed for one viewer. Every figure is the
 * viewer's: events about items the viewer may not read count nowhere and such items are never named. Write
 * it out with {@link ReportWriter} (JSON, CSV, a self-contained HTML page).
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param title the report's title
 * @param generated when it was computed, from the builder's clock
 * @param viewer the user id of the person it was computed for
 * @param zone where days, months and quarters begin
 * @param locale the language of its texts: {@link Locale#ENGLISH} or {@link Locale#SIMPLIFIED_CHINESE}
 * @param segment the segment
 * @param baseline the baseline period
 * @param current the current period
 * @param comparisons every KPI, baseline against current, in the catalogue's order
 * @param granularity the step of the trend, or {@code null} when there is none
 * @param trend the trend's points in time order; empty when none was asked for
 * @param roi the ROI, when a model was given
 * @param leaderboardUnit the unit the leaderboard is for, or {@code null} for the whole organisation
 * @param leaderboard the top earners of incentive points in the current period; empty when no rules were given
 * @param topItems the most used items of the current period that the viewer may read
 */
public record MetricsReport(String title, Instant generated, String viewer, ZoneId zone, Locale locale, KpiSegment segment,
    KpiPeriod baseline, KpiPeriod current, List<KpiComparison> comparisons, Granularity granularity, List<TrendPoint> trend,
    Optional<RoiReport> roi, String leaderboardUnit, List<Standing> leaderboard, List<ItemUsage> topItems) {
  /** The longest title. */
  public static final int MAX_TITLE = 200;

  /**
   * Copies.
   *
   * @param title the report's title
   * @param generated when it was computed, from the builder's clock
   * @param viewer the user id of the person it was computed for
   * @param zone where days, months and quarters begin
   * @param locale the language of its texts: {@link Locale#ENGLISH} or {@link Locale#SIMPLIFIED_CHINESE}
   * @param segment the segment
   * @param baseline the baseline period
   * @param current the current period
   * @param comparisons every KPI, baseline against current, in the catalogue's order
   * @param granularity the step of the trend, or {@code null} when there is none
   * @param trend the trend's points in time order; empty when none was asked for
   * @param roi the ROI, when a model was given
   * @param leaderboardUnit the unit the leaderboard is for, or {@code null} for the whole organisation
   * @param leaderboard the top earners of incentive points in the current period; empty when no rules were given
   * @param topItems the most used items of the current period that the viewer may read
   */
  public MetricsReport {
    Checks.present("MetricsReport.locale", locale);
    comparisons = List.copyOf(comparisons);
    trend = List.copyOf(trend);
    leaderboard = List.copyOf(leaderboard);
    topItems = List.copyOf(topItems);
  }

  /**
   * Starts a report.
   *
   * @param metrics the configured metrics (source, catalogue, time zone); the report computes them for
   *     the viewer, whatever viewer they were made for
   * @param viewer who the report is for: every figure and name in it is what this person may see
   * @param clock the time of {@link #generated()}
   * @return a builder
   * @throws ValidationException if a part is missing
   */
  public static Builder builder(KpiEngine metrics, Principal viewer, Clock clock) {
    return new Builder(Checks.present("metrics", metrics), Checks.present("viewer", viewer), Checks.present("clock", clock));
  }

  /** Collects what a report shows, then computes it. Not thread-safe. */
  public static final class Builder {
    private final KpiEngine metrics;
    private final Principal viewer;
    private final Clock clock;
    private String title;
    private Locale locale = Locale.ENGLISH;
    private KpiSegment segment = KpiSegment.ALL;
    private KpiPeriod baseline;
    private KpiPeriod current;
    private KpiPeriod trendSpan;
    private Granularity granularity;
    private RoiModel roi;
    private IncentivePoints points;
    private String unit;
    private int leaderboardSize = 10;
    private int topItems = 10;

    private Builder(KpiEngine metrics, Principal viewer, Clock clock) {
      this.metrics = metrics;
      this.viewer = viewer;
      this.clock = clock;
    }

    /**
     * @param text the title, 1 to {@value MetricsReport#MAX_TITLE} characters on one line (default "Knowledge
     *     management report" in the report's language)
     * @return this builder
     */
    public Builder title(String text) {
      this.title = Checks.line("MetricsReport.title", text, MAX_TITLE);
      return this;
    }

    /**
     * The reader's language: the KPIs' names, definitions and formulas, the notes, and everything {@link
     * ReportWriter} writes (headings, verdicts, chart labels, numbers and dates). Simplified Chinese for any
     * {@code zh} locale (e.g. {@code Locale.SIMPLIFIED_CHINESE}, {@code zh-CN}), English for every other,
     * whatever the JVM's default locale.
     *
     * @param reader the reader's locale (default {@link Locale#ENGLISH})
     * @return this builder
     */
    public Builder locale(Locale reader) {
      this.locale = Texts.of(Checks.present("locale", reader)).locale();
      return this;
    }

    /**
     * @param kpiSegment the segment (default everyone)
     * @return this builder
     */
    public Builder segment(KpiSegment kpiSegment) {
      this.segment = Checks.present("segment", kpiSegment);
      return this;
    }

    /**
     * The before and after; required.
     *
     * @param before the baseline period
     * @param after the current period
     * @return this builder
     */
    public Builder compare(KpiPeriod before, KpiPeriod after) {
      this.baseline = Checks.present("baseline", before);
      this.current = Checks.present("current", after);
      return this;
    }

    /**
     * Adds trends.
     *
     * @param span the whole span
     * @param step months or quarters
     * @return this builder
     */
    public Builder trend(KpiPeriod span, Granularity step) {
      this.trendSpan = Checks.present("trend span", span);
      this.granularity = Checks.present("granularity", step);
      return this;
    }

    /**
     * Adds the ROI.
     *
     * @param model the costs and benefits
     * @return this builder
     */
    public Builder roi(RoiModel model) {
      this.roi = Checks.present("roi", model);
      return this;
    }

    /**
     * Adds the incentive leaderboard of the current period.
     *
     * @param rules the points
     * @param unitId a unit's group id for that unit's leaderboard, or {@code null} for everyone
     * @param size how many places, 1 to {@value io.zhiku.metrics.points.PointsLedger#MAX_LEADERBOARD}
     * @return this builder
     */
    public Builder leaderboard(IncentivePoints rules, String unitId, int size) {
      this.points = Checks.present("points", rules);
      this.unit = Checks.optionalId("unit", unitId);
      this.leaderboardSize = size;
      return this;
    }

    /**
     * @param limit how many of the most used items to list, 0 for none, at most {@value KpiEngine#MAX_TOP_ITEMS} (default 10)
     * @return this builder
     */
    public Builder topItems(int limit) {
      if (limit < 0 || limit > KpiEngine.MAX_TOP_ITEMS) {
        throw new ValidationException("topItems", limit, "0 to " + KpiEngine.MAX_TOP_ITEMS);
      }
      this.topItems = limit;
      return this;
    }

    /**
     * Computes the report.
     *
     * @return the report
     * @throws ValidationException if no periods were given to compare, or a limit is out of range
     */
    public MetricsReport build() {
      if (baseline == null) {
        throw new ValidationException("compare", null, "a baseline and a current period are required");
      }
      KpiEngine seen = metrics.forViewer(viewer).inLocale(locale);
      List<KpiComparison> comparisons = seen.compare(baseline, current, segment);
      List<TrendPoint> trend = trendSpan == null ? List.of() : seen.trend(trendSpan, granularity, segment, List.of());
      List<Standing> board = List.of();
      if (points != null) {
        // Points count only what the viewer may read: an author of hidden items is not named for them.
        var ledger = points.ledger(metrics.source().visibleTo(viewer), current);
        board = unit == null ? ledger.leaderboard(leaderboardSize) : ledger.leaderboard(unit, leaderboardSize);
      }
      List<ItemUsage> top = topItems == 0 ? List.of() : seen.topItems(current, segment, topItems);
      String heading = title != null ? title : Texts.of(locale).get("report.title");
      return new MetricsReport(heading, clock.instant(), viewer.userId(), metrics.zone(), locale, segment, baseline, current,
          comparisons, granularity, trend, Optional.ofNullable(roi).map(r -> r.evaluate(locale)), unit, board, top);
    }
  }
}
