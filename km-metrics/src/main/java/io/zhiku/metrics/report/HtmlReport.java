package io.zhiku.metrics.report;

import io.zhiku.metrics.compare.Comparison;
import io.zhiku.metrics.compare.Verdict;
import io.zhiku.metrics.kpi.ItemUsage;
import io.zhiku.metrics.kpi.KpiComparison;
import io.zhiku.metrics.kpi.KpiDefinition;
import io.zhiku.metrics.kpi.KpiUnit;
import io.zhiku.metrics.kpi.KpiValue;
import io.zhiku.metrics.kpi.KpiPeriod;
import io.zhiku.metrics.kpi.TrendPoint;
import io.zhiku.metrics.points.Standing;
import io.zhiku.metrics.roi.RoiReport;
import io.zhiku.metrics.roi.YearFlow;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** Renders one {@link MetricsReport} as a self-contained HTML page with inline SVG. Used once, on one thread. */
final class HtmlReport {
  private static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
      h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
      .meta{color:#666}table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{padding:4px 8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
      td.n{text-align:right;white-space:nowrap}.IMPROVED{color:#2e7d32;font-weight:600}.WORSENED{color:#c62828;font-weight:600}
      .NO_CLEAR_CHANGE,.NOT_ENOUGH_DATA,.note{color:#666}.note{font-size:.9em}.charts{display:flex;flex-wrap:wrap;gap:12px}
      svg text{font-size:11px;fill:#333}dt{font-weight:600;margin-top:.6em}dd{margin-left:1.2em}
      """;
  private static final String IMPROVED = "#2e7d32";
  private static final String WORSENED = "#c62828";
  private static final String NEUTRAL = "#757575";
  private static final String BASELINE = "#b0bec5";

  private final MetricsReport report;
  private final StringBuilder out = new StringBuilder(64 * 1024);
  private final DateTimeFormatter dates;

  HtmlReport(MetricsReport report) {
    this.report = report;
    this.dates = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(report.zone());
  }

  String render() {
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").append(esc(report.title()))
        .append("</title><style>").append(CSS).append("</style></head><body>\n");
    out.append("<h1>").append(esc(report.title())).append("</h1>\n<p class=\"meta\">Segment: ").append(esc(report.segment().label()))
        .append(" · baseline ").append(esc(span(report.baseline()))).append(" · current ").append(esc(span(report.current())))
        .append(" · for ").append(esc(report.viewer())).append(" · generated ")
        .append(esc(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(report.generated().atZone(report.zone()))))
        .append(" (").append(esc(report.zone().getId())).append(")</p>\n");
    beforeAfter();
    trends();
    report.roi().ifPresent(this::roi);
    leaderboard();
    topItems();
    definitions();
    out.append("<p class=\"note\">Figures count only what ").append(esc(report.viewer()))
        .append(" may read. Intervals are 95%: bootstrap for means, Newcombe-Wilson for rates; a verdict is a change only ")
        .append("when the interval lies wholly on one side of zero.</p>\n</body></html>\n");
    return out.toString();
  }

  private String span(KpiPeriod p) {
    return dates.format(p.start()) + " – " + dates.format(p.end().minusMillis(1));
  }

  private void beforeAfter() {
    out.append("<h2>Before and after</h2>\n");
    List<KpiComparison> charted = report.comparisons().stream()
        .filter(c -> c.baseline().value().isPresent() && c.current().value().isPresent()).toList();
    if (!charted.isEmpty()) {
      int rowHeight = 38;
      int width = 720;
      int labelWidth = 230;
      int height = charted.size() * rowHeight + 10;
      out.append("<svg role=\"img\" aria-label=\"Each KPI before and after\" width=\"").append(width).append("\" height=\"")
          .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">");
      for (int i = 0; i < charted.size(); i++) {
        KpiComparison c = charted.get(i);
        double b = c.baseline().value().getAsDouble();
        double a = c.current().value().getAsDouble();
        double max = Math.max(Math.abs(a), Math.abs(b));
        int y = 5 + i * rowHeight;
        int barSpace = width - labelWidth - 90;
        out.append("<text x=\"0\" y=\"").append(y + 19).append("\">").append(esc(c.kpi().name())).append("</text>");
        bar(labelWidth, y + 2, max == 0 ? 0 : Math.abs(b) / max * barSpace, 14, BASELINE, c.kpi().unit().format(b));
        bar(labelWidth, y + 18, max == 0 ? 0 : Math.abs(a) / max * barSpace, 14, colour(c), c.kpi().unit().format(a));
      }
      out.append("</svg>\n<p class=\"note\">Grey: baseline. Coloured: current (green an improvement, red a worsening, grey ")
          .append("no clear change).</p>\n");
    }
    out.append("<table><tr><th>KPI</th><th>Baseline</th><th>Current</th><th>Change</th><th>Verdict</th><th>95% interval of the change</th><th>Notes</th></tr>\n");
    for (KpiComparison c : report.comparisons()) {
      KpiUnit unit = c.kpi().unit();
      Comparison change = c.comparison().orElse(null);
      out.append("<tr><td>").append(esc(c.kpi().name())).append("</td><td class=\"n\">").append(value(unit, c.baseline()))
          .append("</td><td class=\"n\">").append(value(unit, c.current())).append("</td><td class=\"n\">");
      if (change != null) {
        out.append(esc(delta(unit, change.absoluteChange())));
        change.relativeChange().ifPresent(r -> out.append(esc(String.format(Locale.ROOT, " (%+.0f%%)", 100 * r))));
      }
      out.append("</td><td class=\"").append(change == null ? "" : change.verdict().name()).append("\">")
          .append(change == null ? "—" : esc(words(change.verdict()))).append("</td><td class=\"n\">");
      if (change != null && change.interval().isPresent()) {
        out.append(esc(delta(unit, change.interval().get().low()) + " to " + delta(unit, change.interval().get().high())));
      }
      out.append("</td><td class=\"note\">").append(esc(notes(c))).append("</td></tr>\n");
    }
    out.append("</table>\n");
  }

  private static String notes(KpiComparison c) {
    List<String> notes = new ArrayList<>();
    if (!c.baseline().note().isEmpty()) {
      notes.add("baseline: " + c.baseline().note());
    }
    if (!c.current().note().isEmpty()) {
      notes.add("current: " + c.current().note());
    }
    c.comparison().filter(x -> x.verdict() == Verdict.NOT_ENOUGH_DATA).ifPresent(x -> notes.add(x.note()));
    return String.join("; ", notes);
  }

  private static String colour(KpiComparison c) {
    Verdict v = c.comparison().map(Comparison::verdict).orElse(Verdict.NO_CLEAR_CHANGE);
    return v == Verdict.IMPROVED ? IMPROVED : v == Verdict.WORSENED ? WORSENED : NEUTRAL;
  }

  private static String words(Verdict v) {
    return switch (v) {
      case IMPROVED -> "improved";
      case WORSENED -> "worsened";
      case NO_CLEAR_CHANGE -> "no clear change";
      case NOT_ENOUGH_DATA -> "not enough data";
    };
  }

  private void bar(int x, int y, double length, int height, String fill, String label) {
    out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", x, y, length, height, fill));
    out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">", x + length + 4, y + height - 3)).append(esc(label)).append("</text>");
  }

  private void trends() {
    if (report.trend().isEmpty()) {
      return;
    }
    out.append("<h2>Trends by ").append(report.granularity().name().toLowerCase(Locale.ROOT)).append("</h2>\n<div class=\"charts\">");
    // A month the report's span cuts holds only part of its days: drawn, its counts would look like a fall.
    List<TrendPoint> points = report.trend().stream().filter(p -> !p.partial()).toList();
    List<String> partial = report.trend().stream().filter(TrendPoint::partial).map(TrendPoint::label).toList();
    int kpis = report.trend().get(0).report().results().size();
    for (int k = 0; k < kpis && !points.isEmpty(); k++) {
      KpiDefinition d = points.get(0).report().results().get(k).kpi();
      List<OptionalDouble> values = new ArrayList<>();
      for (TrendPoint p : points) {
        values.add(p.report().results().get(k).value().value());
      }
      if (values.stream().filter(OptionalDouble::isPresent).count() >= 2) {
        line(d, values, points);
      }
    }
    out.append("</div>\n");
    if (!partial.isEmpty()) {
      out.append("<p class=\"note\">Left out of the charts, because the report's span covers only part of them: ")
          .append(esc(String.join(", ", partial))).append(". Their figures are in the JSON and CSV, marked partial.</p>\n");
    }
  }

  /** A small line chart of one KPI over the trend's points; gaps where a point has no value. */
  private void line(KpiDefinition d, List<OptionalDouble> values, List<TrendPoint> points) {
    int w = 340;
    int h = 130;
    int left = 10;
    int top = 22;
    int plotW = w - 2 * left;
    int plotH = h - top - 26;
    double min = values.stream().filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).min().orElse(0);
    double max = values.stream().filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).max().orElse(0);
    if (max == min) {
      max = min + 1;
    }
    out.append("<svg role=\"img\" aria-label=\"").append(esc(d.name())).append(" by period\" width=\"").append(w)
        .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\">")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"#fafafa\" stroke=\"#e0e0e0\"/>")
        .append("<text x=\"").append(left).append("\" y=\"15\">").append(esc(d.name())).append(" (").append(esc(unitWord(d.unit())))
        .append(")</text>");
    StringBuilder path = new StringBuilder();
    boolean pen = false;
    int n = values.size();
    for (int i = 0; i < n; i++) {
      if (values.get(i).isEmpty()) {
        pen = false;
        continue;
      }
      double x = left + (n == 1 ? plotW / 2.0 : (double) i * plotW / (n - 1));
      double y = top + plotH - (values.get(i).getAsDouble() - min) / (max - min) * plotH;
      path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
      pen = true;
      out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"#1565c0\"><title>", x, y))
          .append(esc(points.get(i).label() + ": " + d.unit().format(values.get(i).getAsDouble()))).append("</title></circle>");
    }
    out.append("<path d=\"").append(path.toString().strip()).append("\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1.5\"/>");
    out.append("<text x=\"").append(left).append("\" y=\"").append(h - 6).append("\">").append(esc(points.get(0).label())).append("</text>");
    out.append("<text x=\"").append(w - left).append("\" y=\"").append(h - 6).append("\" text-anchor=\"end\">")
        .append(esc(points.get(n - 1).label())).append("</text>");
    out.append("<text x=\"").append(w - left).append("\" y=\"15\" text-anchor=\"end\">").append(esc(d.unit().format(min) + " – "
        + d.unit().format(max == min + 1 ? min : max))).append("</text></svg>");
  }

  private void roi(RoiReport roi) {
    out.append("<h2>Return on investment</h2>\n<p>ROI ").append(esc(String.format(Locale.ROOT, "%.1f%%", roi.roiPercent())))
        .append(" · NPV at ").append(esc(String.format(Locale.ROOT, "%.1f%%", 100 * roi.discountRate()))).append(": ")
        .append(esc(money(roi.npv()))).append(" · IRR: ")
        .append(esc(roi.irr().rate().isPresent() ? String.format(Locale.ROOT, "%.1f%%", 100 * roi.irr().rate().getAsDouble())
            : "none (" + roi.irr().note() + ")"))
        .append(" · payback: ").append(esc(years(roi.paybackYears()))).append(" · discounted payback: ")
        .append(esc(years(roi.discountedPaybackYears()))).append("</p>\n");
    cashFlow(roi.flows());
    out.append("<table><tr><th>Year</th><th>Benefits</th><th>Costs</th><th>Net</th><th>Cumulative</th><th>Discounted</th></tr>\n");
    for (YearFlow y : roi.flows()) {
      double benefits = y.benefits().values().stream().mapToDouble(Double::doubleValue).sum();
      double costs = y.costs().values().stream().mapToDouble(Double::doubleValue).sum();
      out.append("<tr><td>").append(y.year()).append("</td><td class=\"n\">").append(esc(money(benefits)))
          .append("</td><td class=\"n\">").append(esc(money(costs))).append("</td><td class=\"n\">").append(esc(money(y.net())))
          .append("</td><td class=\"n\">").append(esc(money(y.cumulative()))).append("</td><td class=\"n\">")
          .append(esc(money(y.discounted()))).append("</td></tr>\n");
    }
    out.append("</table>\n");
  }

  /** Yearly net flows as bars around a zero line, the cumulative net as a line. */
  private void cashFlow(List<YearFlow> flows) {
    int w = 720;
    int h = 240;
    int left = 70;
    int top = 15;
    int bottom = 30;
    double lo = 0;
    double hi = 0;
    for (YearFlow y : flows) {
      lo = Math.min(lo, Math.min(y.net(), y.cumulative()));
      hi = Math.max(hi, Math.max(y.net(), y.cumulative()));
    }
    if (hi == lo) {
      hi = lo + 1;
    }
    double plotH = h - top - bottom;
    double scale = plotH / (hi - lo);
    double zero = top + hi * scale;
    double slot = (double) (w - left - 10) / flows.size();
    out.append("<svg role=\"img\" aria-label=\"Cash flow by year\" width=\"").append(w).append("\" height=\"").append(h)
        .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\">");
    out.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>", left, w - 10, zero, zero));
    out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">0</text>", left - 4, zero + 4));
    out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 4, top + 8)).append(esc(money(hi))).append("</text>");
    out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", left - 4, top + plotH)).append(esc(money(lo))).append("</text>");
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < flows.size(); i++) {
      YearFlow y = flows.get(i);
      double x = left + i * slot + slot * 0.2;
      double barW = slot * 0.6;
      double yTop = y.net() >= 0 ? zero - y.net() * scale : zero;
      out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>",
          x, yTop, barW, Math.abs(y.net()) * scale, y.net() >= 0 ? IMPROVED : WORSENED))
          .append(esc("year " + y.year() + ": net " + money(y.net()))).append("</title></rect>");
      out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>", x + barW / 2, h - 10, y.year()));
      path.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x + barW / 2, zero - y.cumulative() * scale));
    }
    out.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\"/></svg>\n")
        .append("<p class=\"note\">Bars: net flow of each year (green in, red out). Line: cumulative net; payback is where it crosses zero.</p>\n");
  }

  private void leaderboard() {
    if (report.leaderboard().isEmpty()) {
      return;
    }
    out.append("<h2>Incentive leaderboard").append(report.leaderboardUnit() == null ? "" : " — " + esc(report.leaderboardUnit()))
        .append("</h2>\n<table><tr><th>Rank</th><th>Person</th><th>Points</th></tr>\n");
    for (Standing s : report.leaderboard()) {
      out.append("<tr><td>").append(s.rank()).append("</td><td>").append(esc(s.userId())).append("</td><td class=\"n\">")
          .append(s.points()).append("</td></tr>\n");
    }
    out.append("</table>\n");
  }

  private void topItems() {
    if (report.topItems().isEmpty()) {
      return;
    }
    out.append("<h2>Most used knowledge, current period</h2>\n<table><tr><th>Item</th><th>Views</th><th>Clicks</th><th>Reuses</th></tr>\n");
    for (ItemUsage u : report.topItems()) {
      out.append("<tr><td>").append(esc(u.title())).append(" <span class=\"note\">").append(esc(u.itemId())).append("</span></td>")
          .append("<td class=\"n\">").append(u.views()).append("</td><td class=\"n\">").append(u.clicks())
          .append("</td><td class=\"n\">").append(u.reuses()).append("</td></tr>\n");
    }
    out.append("</table>\n");
  }

  private void definitions() {
    out.append("<h2>What each KPI means</h2>\n<dl>");
    for (KpiComparison c : report.comparisons()) {
      KpiDefinition d = c.kpi();
      out.append("<dt>").append(esc(d.name())).append(" <span class=\"note\">").append(esc(d.id())).append(", ")
          .append(esc(unitWord(d.unit()))).append(", ")
          .append(d.direction() == io.zhiku.metrics.compare.KpiDirection.HIGHER_IS_BETTER ? "higher is better" : "lower is better")
          .append("</span></dt><dd>").append(esc(d.definition())).append("<br>Formula: ").append(esc(d.formula())).append("</dd>\n");
    }
    out.append("</dl>\n");
  }

  private static String value(KpiUnit unit, KpiValue v) {
    return v.value().isPresent() ? esc(unit.format(v.value().getAsDouble())) : "—";
  }

  private static String delta(KpiUnit unit, double d) {
    return unit == KpiUnit.PERCENT ? String.format(Locale.ROOT, "%+.1f pt", 100 * d) : (d >= 0 ? "+" : "−") + unit.format(Math.abs(d));
  }

  private static String unitWord(KpiUnit unit) {
    return switch (unit) {
      case PERCENT -> "%";
      case HOURS -> "hours";
      case DAYS -> "days";
      case COUNT -> "count";
      case PEOPLE -> "people";
      case SCORE -> "score";
    };
  }

  private static String money(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String years(OptionalDouble v) {
    return v.isPresent() ? String.format(Locale.ROOT, "%.1f years", v.getAsDouble()) : "not within the horizon";
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
