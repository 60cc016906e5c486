package io.zhiku.examples;

import io.zhiku.core.access.Principal;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.metrics.compare.Verdict;
import io.zhiku.metrics.kpi.Granularity;
import io.zhiku.metrics.kpi.KpiComparison;
import io.zhiku.metrics.kpi.KpiEngine;
import io.zhiku.metrics.kpi.KpiPeriod;
import io.zhiku.metrics.kpi.KpiSegment;
import io.zhiku.metrics.kpi.Kpis;
import io.zhiku.metrics.kpi.MetricsSource;
import io.zhiku.metrics.points.IncentivePoints;
import io.zhiku.metrics.report.MetricsReport;
import io.zhiku.metrics.report.ReportWriter;
import io.zhiku.metrics.roi.Benefit;
import io.zhiku.metrics.roi.Cost;
import io.zhiku.metrics.roi.RoiModel;
import io.zhiku.metrics.roi.RoiReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Part 8, second half: the report a knowledge officer takes to the board. The half-year before go-live
 * against the half-year after, KPI by KPI with the change judged by each KPI's direction and an interval;
 * an ROI whose benefits come from those measured figures (hours saved, shorter projects, fewer failures)
 * against the programme's costs, with NPV and payback; the incentive leaderboard; and the whole as one
 * self-contained HTML file. Everything is computed for the knowledge office, which may not read the
 * education team's confidential bid, so no figure or list includes it.
 */
public final class KpiReportTour {
  /** The division's time zone: months and daily point caps follow it. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private KpiReportTour() {}

  /**
   * Computes, prints and writes the report.
   *
   * @param kb the knowledge base after {@link UsageSimulation#run}
   * @param clock the clock the report is dated by
   * @param outDir where {@code report.html} (in Chinese), {@code report.en.html} and {@code report.json} go
   * @param out where to print
   * @return the HTML file
   */
  public static Path run(KnowledgeBase kb, Clock clock, Path outDir, PrintStream out) {
    Principal viewer = Roles.KM_OFFICE;
    // A long report over years of events says how far it has come; here only its last word is printed.
    AtomicLong eventsRead = new AtomicLong();
    KpiEngine metrics = KpiEngine.builder(MetricsSource.of(kb)).zone(ZONE)
        .progressListener(p -> {
          if (p.finished()) {
            eventsRead.set(p.done());
          }
        }).build();
    KpiPeriod before = KpiPeriod.of(UsageSimulation.START, UsageSimulation.GO_LIVE);
    KpiPeriod after = KpiPeriod.of(UsageSimulation.GO_LIVE, UsageSimulation.END);
    // The ROI's benefits come from the measured comparison, so it is computed before the report.
    List<KpiComparison> table = metrics.forViewer(viewer).compare(before, after, KpiSegment.ALL);
    out.printf(Locale.ROOT, "  (progress listener: the comparison read %,d usage events)%n", eventsRead.get());
    // The trend runs over whole months of the division's zone: a span cut at UTC midnight would leave eight
    // hours of a Shanghai month at each end, points the report marks partial and leaves out of its charts.
    KpiPeriod months = KpiPeriod.of(KpiPeriod.month(YearMonth.from(UsageSimulation.START.atZone(ZoneOffset.UTC)), ZONE).start(),
        KpiPeriod.month(YearMonth.from(UsageSimulation.END.atZone(ZoneOffset.UTC)).minusMonths(1), ZONE).end());
    // The division's managers read Chinese: the report's every text (KPI names, definitions, verdicts, notes,
    // headings, dates) follows its locale; an English copy is written beside it.
    MetricsReport.Builder reportFor = MetricsReport.builder(metrics, viewer, clock).compare(before, after)
        .trend(months, Granularity.MONTH).roi(roi(table)).leaderboard(IncentivePoints.standard(ZONE), null, 10).topItems(10);
    MetricsReport report = reportFor.locale(Locale.SIMPLIFIED_CHINESE).title("知识管理成效报告").build();
    MetricsReport english = reportFor.locale(Locale.ENGLISH).title("Knowledge management review").build();

    out.printf("  %-38s %12s %12s %9s  %s%n", "KPI (before go-live / 6 months after)", "before", "after", "change", "verdict");
    for (KpiComparison c : english.comparisons()) {
      if (c.baseline().value().isPresent() || c.current().value().isPresent()) {
        out.printf("  %-38s %12s %12s %9s  %s%n", c.kpi().name(), format(c, c.baseline().value()),
            format(c, c.current().value()), change(c), c.comparison().map(x -> x.verdict().name()).orElse("no value in one period"));
      }
    }
    RoiReport roi = report.roi().orElseThrow();
    out.printf(Locale.ROOT, "  ROI over 5 years at 8%%: benefits %,.0f, costs %,.0f, ROI %.0f%%, NPV %,.0f, payback %s, IRR %s%n",
        roi.totalBenefits(), roi.totalCosts(), roi.roiPercent(), roi.npv(),
        roi.paybackYears().isPresent() ? String.format(Locale.ROOT, "%.1f years", roi.paybackYears().getAsDouble()) : "not within 5 years",
        roi.irr().rate().isPresent() ? String.format(Locale.ROOT, "%.0f%%", 100 * roi.irr().rate().getAsDouble()) : roi.irr().note());
    roi.flows().get(1).benefits().forEach((name, amount) -> out.printf(Locale.ROOT, "    benefit a year: %-46s %,10.0f%n", name, amount));
    out.println("    (a benefit counts only where its KPI IMPROVED; a quarter of the projects' gains is credited to KM)");
    out.println("  incentive points since go-live, top 5: " + report.leaderboard().stream().limit(5)
        .map(s -> "#" + s.rank() + " " + s.userId() + " " + s.points()).toList());

    Path html = outDir.resolve("report.html");
    try {
      Files.writeString(html, ReportWriter.html(report));
      Files.writeString(outDir.resolve("report.en.html"), ReportWriter.html(english));
      Files.writeString(outDir.resolve("report.json"), ReportWriter.json(report));
    } catch (IOException e) {
      throw new UncheckedIOException("writing the report to " + outDir, e);
    }
    return html;
  }

  /**
   * The ROI model: costs as budgeted; benefits from the measured before/after figures, a half-year
   * doubled to a year, and only where the KPI's verdict is {@code IMPROVED} (a change within the noise
   * earns nothing). Projects get shorter and fail less for many reasons: the knowledge office credits a
   * quarter of the measured change to knowledge management, a judgement written into the benefit's name.
   */
  static RoiModel roi(List<KpiComparison> table) {
    RoiModel.Builder b = RoiModel.builder().years(5).discountRate(0.08)
        .cost(Cost.oneOff("integration and content migration", 800_000))
        .cost(Cost.perYear("curation team and operations", 300_000));
    improved(table, Kpis.TIME_SAVED).ifPresent(c ->
        b.benefit(Benefit.timeSaved("time saved by reuse (measured hours × 2)", 2 * c.current().value().getAsDouble(), 250)));
    improved(table, Kpis.PROJECT_CYCLE_TIME).ifPresent(c -> {
      double days = c.baseline().value().getAsDouble() - c.current().value().getAsDouble();
      b.benefit(Benefit.shorterCycles(String.format(Locale.ROOT, "shorter projects (¼ of the measured %.0f days)", days),
          2 * c.current().trials(), days / 4, 400));
    });
    improved(table, Kpis.PROJECT_FAILURE_RATE).ifPresent(c -> {
      double before = c.baseline().value().getAsDouble();
      double after = c.current().value().getAsDouble();
      b.benefit(Benefit.fewerFailures(String.format(Locale.ROOT, "fewer failed projects (¼ of %.0f%% → %.0f%%)", 100 * before,
          100 * after), 2 * c.current().trials(), before, before - (before - after) / 4, 100_000));
    });
    return b.build();
  }

  /** A KPI's comparison, if it improved. */
  private static Optional<KpiComparison> improved(List<KpiComparison> table, String kpiId) {
    return table.stream().filter(c -> c.kpi().id().equals(kpiId))
        .filter(c -> c.comparison().map(x -> x.verdict() == Verdict.IMPROVED).orElse(false)).findFirst();
  }

  private static String change(KpiComparison c) {
    return c.comparison().filter(x -> x.relativeChange().isPresent())
        .map(x -> String.format(Locale.ROOT, "%+.0f%%", 100 * x.relativeChange().getAsDouble())).orElse("—");
  }

  private static String format(KpiComparison c, OptionalDouble v) {
    return v.isPresent() ? c.kpi().unit().format(v.getAsDouble()) : "—";
  }
}
