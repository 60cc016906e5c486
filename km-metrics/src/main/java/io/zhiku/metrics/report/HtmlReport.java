package io.zhiku.metrics.report;

import io.zhiku.metrics.compare.Comparison;
import io.zhiku.metrics.compare.Verdict;
import io.zhiku.metrics.kpi.ItemUsage;
import io.zhiku.metrics.kpi.KpiComparison;
import io.zhiku.metrics.internal.Texts;
import io.zhiku.metrics.kpi.KpiDefinition;
import io.zhiku.metrics.kpi.KpiSegment;
import io.zhiku.metrics.kpi.KpiUnit;
import io.zhiku.metrics.kpi.KpiValue;
import io.zhiku.metrics.kpi.KpiPeriod;
import io.zhiku.metrics.kpi.TrendPoint;
import io.zhiku.metrics.points.Standing;
import io.zhiku.metrics.roi.RoiReport;
import io.zhiku.metrics.roi.YearFlow;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
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
  /** The chart font's size in pixels (the CSS's {@code svg text}). */
  private static final double EM = 11;

  private final MetricsReport report;
  private final StringBuilder out = new StringBuilder(64 * 1024);
  private final Texts texts;
  private final Locale locale;
  private final DateTimeFormatter dates;

  HtmlReport(MetricsReport report) {
    this.report = report;
    this.texts = Texts.of(report.locale());
    this.locale = texts.locale();
    this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(report.zone());
  }

  String render() {
    out.append("<!DOCTYPE html>\n<html lang=\"").append(locale.toLanguageTag()).append("\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").append(esc(report.title()))
        .append("</title><style>").append(CSS).append("</style></head><body>\n");
    String segment = report.segment().equals(KpiSegment.ALL) ? texts.get("report.segment.all") : report.segment().label();
    String generated = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
        .format(report.generated().atZone(report.zone()));
    out.append("<h1>").append(esc(report.title())).append("</h1>\n<p class=\"meta\">")
        .append(esc(texts.get("html.meta", segment, span(report.baseline()), span(report.current()), report.viewer(), generated,
            report.zone().getId()))).append("</p>\n");
    beforeAfter();
    trends();
    report.roi().ifPresent(this::roi);
    leaderboard();
    topItems();
    definitions();
    out.append("<p class=\"note\">").append(esc(texts.get("html.footer", report.viewer()))).append("</p>\n</body></html>\n");
    return out.toString();
  }

  private String span(KpiPeriod p) {
    return texts.get("html.span", dates.format(p.start()), dates.format(p.end().minusMillis(1)));
  }

  private void beforeAfter() {
    out.append("<h2>").append(esc(texts.get("html.before-after"))).append("</h2>\n");
    List<KpiComparison> charted = report.comparisons().stream()
        .filter(c -> c.baseline().value().isPresent() && c.current().value().isPresent()).toList();
    if (!charted.isEmpty()) {
      int rowHeight = 38;
      int width = 720;
      int labelWidth = 250; // the longest standard KPI name, "Resolution time, no knowledge used", whole
      int height = charted.size() * rowHeight + 10;
      out.append("<svg role=\"img\" aria-label=\"").append(esc(texts.get("html.before-after.chart"))).append("\" width=\"").append(width).append("\" height=\"")
          .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">");
      for (int i = 0; i < charted.size(); i++) {
        KpiComparison c = charted.get(i);
        double b = c.baseline().value().getAsDouble();
        double a = c.current().value().getAsDouble();
        double max = Math.max(Math.abs(a), Math.abs(b));
        int y = 5 + i * rowHeight;
        int barSpace = width - labelWidth - 90;
        label(0, y + 19, c.kpi().name(), labelWidth - 6);
        bar(labelWidth, y + 2, max == 0 ? 0 : Math.abs(b) / max * barSpace, 14, BASELINE, c.kpi().unit().format(b, locale));
        bar(labelWidth, y + 18, max == 0 ? 0 : Math.abs(a) / max * barSpace, 14, colour(c), c.kpi().unit().format(a, locale));
      }
      out.append("</svg>\n<p class=\"note\">").append(esc(texts.get("html.before-after.legend"))).append("</p>\n");
    }
    header("kpi", "baseline", "current", "change", "verdict", "interval", "notes");
    for (KpiComparison c : report.comparisons()) {
      KpiUnit unit = c.kpi().unit();
      Comparison change = c.comparison().orElse(null);
      out.append("<tr><td>").append(esc(c.kpi().name())).append("</td><td class=\"n\">").append(value(unit, c.baseline()))
          .append("</td><td class=\"n\">").append(value(unit, c.current())).append("</td><td class=\"n\">");
      if (change != null) {
        out.append(esc(delta(unit, change.absoluteChange())));
        change.relativeChange().ifPresent(r -> out.append(esc(String.format(locale, " (%+.0f%%)", 100 * r))));
      }
      out.append("</td><td class=\"").append(change == null ? "" : change.verdict().name()).append("\">")
          .append(change == null ? "—" : esc(texts.get("verdict." + change.verdict().name()))).append("</td><td class=\"n\">");
      if (change != null && change.interval().isPresent()) {
        out.append(esc(texts.get("html.interval", delta(unit, change.interval().get().low()),
            delta(unit, change.interval().get().high()))));
      }
      out.append("</td><td class=\"note\">").append(esc(notes(c))).append("</td></tr>\n");
    }
    out.append("</table>\n");
  }

  private String notes(KpiComparison c) {
    List<String> notes = new ArrayList<>();
    if (!c.baseline().note().isEmpty()) {
      notes.add(texts.get("html.note.baseline", c.baseline().note()));
    }
    if (!c.current().note().isEmpty()) {
      notes.add(texts.get("html.note.current", c.current().note()));
    }
    c.comparison().filter(x -> x.verdict() == Verdict.NOT_ENOUGH_DATA).ifPresent(x -> notes.add(x.note()));
    return String.join(texts.get("html.note.separator"), notes);
  }

  /** Opens a table with a header row of the {@code html.column.*} texts. */
  private void header(String... columns) {
    out.append("<table><tr>");
    for (String c : columns) {
      out.append("<th>").append(esc(texts.get("html.column." + c))).append("</th>");
    }
    out.append("</tr>\n");
  }

  private static String colour(KpiComparison c) {
    Verdict v = c.comparison().map(Comparison::verdict).orElse(Verdict.NO_CLEAR_CHANGE);
    return v == Verdict.IMPROVED ? IMPROVED : v == Verdict.WORSENED ? WORSENED : NEUTRAL;
  }

  /**
   * A label that fits its width: cut with an ellipsis where it would run past it (the whole text shows on
   * hover). SVG text does not wrap and the server cannot measure it, so the width is estimated on the safe
   * side: a full-width (CJK) character one em of the 11-pixel font, any other 0.62 em.
   */
  private void label(int x, int y, String text, int width) {
    double budget = width - width('…'); // room for the ellipsis
    int fits = 0; // the end of the longest prefix that leaves room for it
    double used = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      used += width(c);
      i += Character.charCount(c);
      if (used <= budget) {
        fits = i;
      }
    }
    boolean cut = used > width;
    out.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\">");
    if (cut) {
      out.append("<title>").append(esc(text)).append("</title>");
    }
    out.append(esc(cut ? text.substring(0, fits).strip() + "…" : text)).append("</text>");
  }

  /** The estimated width of a character in pixels: one em for a full-width (CJK) character, 0.62 em for others. */
  private static double width(int c) {
    return EM * (Character.isIdeographic(c) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x3000 && c <= 0x303F) ? 1.0 : 0.62);
  }

  private void bar(int x, int y, double length, int height, String fill, String label) {
    out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", x, y, length, height, fill));
    out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">", x + length + 4, y + height - 3)).append(esc(label)).append("</text>");
  }

  private void trends() {
    if (report.trend().isEmpty()) {
      return;
    }
    out.append("<h2>").append(esc(texts.get("html.trends", texts.get("granularity." + report.granularity().name()))))
        .append("</h2>\n<div class=\"charts\">");
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
      out.append("<p class=\"note\">").append(esc(texts.get("html.trend.partial", String.join(texts.get("html.list.separator"), partial))))
          .append("</p>\n");
    }
  }

  /** A small line chart of one KPI over the trend's points; gaps where a point has no value. */
  private void line(KpiDefinition d, List<OptionalDouble> values, List<TrendPoint> points) {
    int w = 340;
    int h = 130;
    int left = 10;
    int top = 38; // the title on the first line, the range on the second: a long title must not run into it
    int plotW = w - 2 * left;
    int plotH = h - top - 26;
    double min = values.stream().filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).min().orElse(0);
    double max = values.stream().filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).max().orElse(0);
    if (max == min) {
      max = min + 1;
    }
    out.append("<svg role=\"img\" aria-label=\"").append(esc(texts.get("html.trend.chart", d.name()))).append("\" width=\"").append(w)
        .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\">")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"#fafafa\" stroke=\"#e0e0e0\"/>");
    label(left, 15, texts.get("html.trend.title", d.name(), d.unit().word(locale)), plotW);
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
          .append(esc(points.get(i).label() + ": " + d.unit().format(values.get(i).getAsDouble(), locale))).append("</title></circle>");
    }
    out.append("<path d=\"").append(path.toString().strip()).append("\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1.5\"/>");
    out.append("<text x=\"").append(left).append("\" y=\"").append(h - 6).append("\">").append(esc(points.get(0).label())).append("</text>");
    out.append("<text x=\"").append(w - left).append("\" y=\"").append(h - 6).append("\" text-anchor=\"end\">")
        .append(esc(points.get(n - 1).label())).append("</text>");
    out.append("<text x=\"").append(w - left).append("\" y=\"31\" text-anchor=\"end\">").append(esc(d.unit().format(min, locale)
        + " – " + d.unit().format(max == min + 1 ? min : max, locale))).append("</text></svg>");
  }

  private void roi(RoiReport roi) {
    String irr = roi.irr().rate().isPresent() ? String.format(locale, "%.1f%%", 100 * roi.irr().rate().getAsDouble())
        : texts.get("html.roi.no-irr", roi.irr().note());
    out.append("<h2>").append(esc(texts.get("html.roi"))).append("</h2>\n<p>")
        .append(esc(texts.get("html.roi.summary", String.format(locale, "%.1f%%", roi.roiPercent()),
            String.format(locale, "%.1f%%", 100 * roi.discountRate()), money(roi.npv()), irr, years(roi.paybackYears()),
            years(roi.discountedPaybackYears())))).append("</p>\n");
    cashFlow(roi.flows());
    header("year", "benefits", "costs", "net", "cumulative", "discounted");
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
    out.append("<svg role=\"img\" aria-label=\"").append(esc(texts.get("html.roi.chart"))).append("\" width=\"").append(w).append("\" height=\"").append(h)
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
          .append(esc(texts.get("html.roi.bar", y.year(), money(y.net())))).append("</title></rect>");
      out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>", x + barW / 2, h - 10, y.year()));
      path.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x + barW / 2, zero - y.cumulative() * scale));
    }
    out.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\"/></svg>\n")
        .append("<p class=\"note\">").append(esc(texts.get("html.roi.legend"))).append("</p>\n");
  }

  private void leaderboard() {
    if (report.leaderboard().isEmpty()) {
      return;
    }
    out.append("<h2>").append(esc(report.leaderboardUnit() == null ? texts.get("html.leaderboard")
        : texts.get("html.leaderboard.unit", report.leaderboardUnit()))).append("</h2>\n");
    header("rank", "person", "points");
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
    out.append("<h2>").append(esc(texts.get("html.top-items"))).append("</h2>\n");
    header("item", "views", "clicks", "reuses");
    for (ItemUsage u : report.topItems()) {
      out.append("<tr><td>").append(esc(u.title())).append(" <span class=\"note\">").append(esc(u.itemId())).append("</span></td>")
          .append("<td class=\"n\">").append(u.views()).append("</td><td class=\"n\">").append(u.clicks())
          .append("</td><td class=\"n\">").append(u.reuses()).append("</td></tr>\n");
    }
    out.append("</table>\n");
  }

  private void definitions() {
    out.append("<h2>").append(esc(texts.get("html.definitions"))).append("</h2>\n<dl>");
    for (KpiComparison c : report.comparisons()) {
      KpiDefinition d = c.kpi();
      out.append("<dt>").append(esc(d.name())).append(" <span class=\"note\">").append(esc(d.id())).append(", ")
          .append(esc(d.unit().word(locale))).append(", ").append(esc(texts.get("direction." + d.direction().name())))
          .append("</span></dt><dd>").append(esc(d.definition())).append("<br>").append(esc(texts.get("html.formula", d.formula())))
          .append("</dd>\n");
    }
    out.append("</dl>\n");
  }

  private String value(KpiUnit unit, KpiValue v) {
    return v.value().isPresent() ? esc(unit.format(v.value().getAsDouble(), locale)) : "—";
  }

  private String delta(KpiUnit unit, double d) {
    return unit == KpiUnit.PERCENT ? texts.get("html.points", String.format(locale, "%+.1f", 100 * d))
        : (d >= 0 ? "+" : "−") + unit.format(Math.abs(d), locale);
  }

  private String money(double v) {
    return String.format(locale, "%,.0f", v);
  }

  private String years(OptionalDouble v) {
    return v.isPresent() ? texts.get("html.roi.years", String.format(locale, "%.1f", v.getAsDouble())) : texts.get("html.roi.not-within");
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
