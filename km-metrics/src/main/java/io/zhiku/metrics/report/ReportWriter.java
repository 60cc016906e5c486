package io.zhiku.metrics.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.Csv;
import io.zhiku.core.json.ZhikuJson;
import io.zhiku.metrics.compare.Comparison;
import io.zhiku.metrics.kpi.ItemUsage;
import io.zhiku.metrics.kpi.KpiComparison;
import io.zhiku.metrics.kpi.KpiResult;
import io.zhiku.metrics.kpi.KpiSegment;
import io.zhiku.metrics.kpi.KpiValue;
import io.zhiku.metrics.kpi.KpiPeriod;
import io.zhiku.metrics.kpi.TrendPoint;
import io.zhiku.metrics.points.Standing;
import io.zhiku.metrics.roi.RoiReport;
import io.zhiku.metrics.roi.YearFlow;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Writes a {@link MetricsReport} as JSON, as CSV tables, or as one self-contained HTML page (inline CSS
 * and SVG charts, no scripts, nothing fetched from a network). Everything the report holds is already
 * limited to what its viewer may see. Stateless and thread-safe.
 */
public final class ReportWriter {
  private static final ObjectMapper MAPPER = ZhikuJson.newMapper();

  private ReportWriter() {}

  /**
   * The report as a JSON document: the KPIs with their definitions, both periods' values (null when there
   * was nothing to measure, with the reason), the change and its interval, the trend, the ROI, the
   * leaderboard and the most used items.
   *
   * @param report the report
   * @return pretty-printed JSON
   * @throws io.zhiku.core.ValidationException if the report is missing
   */
  public static String json(MetricsReport report) {
    Checks.present("report", report);
    ObjectNode root = MAPPER.createObjectNode();
    root.put("title", report.title());
    root.put("generated", report.generated().toString());
    root.put("viewer", report.viewer());
    root.put("zone", report.zone().getId());
    root.put("locale", report.locale().toLanguageTag());
    segment(root.putObject("segment"), report.segment());
    period(root.putObject("baseline"), report.baseline());
    period(root.putObject("current"), report.current());
    ArrayNode kpis = root.putArray("kpis");
    for (KpiComparison c : report.comparisons()) {
      ObjectNode k = kpis.addObject();
      k.put("id", c.kpi().id());
      k.put("name", c.kpi().name());
      k.put("definition", c.kpi().definition());
      k.put("formula", c.kpi().formula());
      k.put("unit", c.kpi().unit().name());
      k.put("direction", c.kpi().direction().name());
      value(k.putObject("baseline"), c.baseline());
      value(k.putObject("current"), c.current());
      if (c.comparison().isPresent()) {
        change(k.putObject("change"), c.comparison().get());
      } else {
        k.putNull("change");
      }
    }
    if (report.granularity() != null) {
      ObjectNode trend = root.putObject("trend");
      trend.put("granularity", report.granularity().name());
      ArrayNode points = trend.putArray("points");
      for (TrendPoint p : report.trend()) {
        ObjectNode point = points.addObject();
        point.put("label", p.label());
        point.put("partial", p.partial());
        period(point, p.report().period());
        ObjectNode values = point.putObject("values");
        for (KpiResult r : p.report().results()) {
          number(values, r.kpi().id(), r.value().value());
        }
      }
    }
    report.roi().ifPresent(roi -> roi(root.putObject("roi"), roi));
    if (!report.leaderboard().isEmpty()) {
      ObjectNode board = root.putObject("leaderboard");
      if (report.leaderboardUnit() == null) {
        board.putNull("unit");
      } else {
        board.put("unit", report.leaderboardUnit());
      }
      ArrayNode standings = board.putArray("standings");
      for (Standing s : report.leaderboard()) {
        standings.addObject().put("rank", s.rank()).put("userId", s.userId()).put("points", s.points());
      }
    }
    ArrayNode items = root.putArray("topItems");
    for (ItemUsage u : report.topItems()) {
      items.addObject().put("id", u.itemId()).put("title", u.title()).put("views", u.views()).put("clicks", u.clicks())
          .put("reuses", u.reuses());
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new ZhikuException("could not write the report as JSON", e);
    }
  }

  private static void segment(ObjectNode n, KpiSegment s) {
    n.put("label", s.label());
    n.put("unit", s.unit());
    n.put("role", s.role());
    n.put("concept", s.concept());
    n.put("kind", s.kind() == null ? null : s.kind().name());
    ObjectNode attributes = n.putObject("attributes");
    s.attributes().forEach(attributes::put);
  }

  private static void period(ObjectNode n, KpiPeriod p) {
    n.put("start", p.start().toString());
    n.put("end", p.end().toString());
  }

  private static void value(ObjectNode n, KpiValue v) {
    number(n, "value", v.value());
    n.put("shape", v.shape().name());
    if (v.shape() == KpiValue.Shape.RATE) {
      n.put("hits", v.hits());
    }
    n.put(v.shape() == KpiValue.Shape.MEAN ? "observations" : v.shape() == KpiValue.Shape.RATE ? "trials" : "events", v.trials());
    n.put("note", v.note());
  }

  private static void change(ObjectNode n, Comparison c) {
    n.put("absolute", c.absoluteChange());
    number(n, "relative", c.relativeChange());
    n.put("verdict", c.verdict().name());
    if (c.interval().isPresent()) {
      ObjectNode i = n.putObject("interval");
      i.put("low", c.interval().get().low()).put("high", c.interval().get().high()).put("level", c.interval().get().level())
          .put("method", c.interval().get().method());
    } else {
      n.putNull("interval");
    }
    n.put("note", c.note());
  }

  private static void roi(ObjectNode n, RoiReport roi) {
    n.put("discountRate", roi.discountRate());
    n.put("totalBenefits", roi.totalBenefits());
    n.put("totalCosts", roi.totalCosts());
    n.put("roiPercent", roi.roiPercent());
    n.put("npv", roi.npv());
    number(n, "irr", roi.irr().rate());
    n.put("irrNote", roi.irr().note());
    number(n, "paybackYears", roi.paybackYears());
    number(n, "discountedPaybackYears", roi.discountedPaybackYears());
    ArrayNode years = n.putArray("years");
    for (YearFlow y : roi.flows()) {
      ObjectNode year = years.addObject();
      year.put("year", y.year());
      ObjectNode benefits = year.putObject("benefits");
      y.benefits().forEach(benefits::put);
      ObjectNode costs = year.putObject("costs");
      y.costs().forEach(costs::put);
      year.put("net", y.net()).put("cumulative", y.cumulative()).put("discounted", y.discounted());
    }
  }

  private static void number(ObjectNode n, String field, OptionalDouble v) {
    if (v.isPresent()) {
      n.put(field, v.getAsDouble());
    } else {
      n.putNull(field);
    }
  }

  /**
   * The before/after table as CSV (RFC 4180, a header line, {@code \r\n} line ends): one line per KPI with
   * both values, the change, the verdict, the interval and the notes. Empty cells where there is no value.
   * Text that a spreadsheet would read as a formula is prefixed with an apostrophe.
   *
   * @param report the report
   * @return the CSV text
   * @throws io.zhiku.core.ValidationException if the report is missing
   */
  public static String comparisonsCsv(MetricsReport report) {
    Checks.present("report", report);
    Csv csv = new Csv(new StringBuilder(), "kpi", "name", "unit", "direction", "baseline", "current", "absolute_change", "relative_change",
        "verdict", "interval_low", "interval_high", "baseline_note", "current_note");
    for (KpiComparison c : report.comparisons()) {
      Comparison change = c.comparison().orElse(null);
      csv.row(c.kpi().id(), c.kpi().name(), c.kpi().unit().name(), c.kpi().direction().name(), num(c.baseline().value()),
          num(c.current().value()), change == null ? "" : num(change.absoluteChange()),
          change == null ? "" : num(change.relativeChange()), change == null ? "" : change.verdict().name(),
          change == null || change.interval().isEmpty() ? "" : num(change.interval().get().low()),
          change == null || change.interval().isEmpty() ? "" : num(change.interval().get().high()),
          c.baseline().note(), c.current().note());
    }
    return csv.toString();
  }

  /**
   * The trend as CSV in long form: one line per point and KPI, the last column saying whether the point
   * covers only part of its month or quarter ({@link TrendPoint#partial()}).
   *
   * @param report the report
   * @return the CSV text (only the header when the report has no trend)
   * @throws io.zhiku.core.ValidationException if the report is missing
   */
  public static String trendCsv(MetricsReport report) {
    Checks.present("report", report);
    Csv csv = new Csv(new StringBuilder(), "point", "start", "end", "kpi", "value", "partial");
    for (TrendPoint p : report.trend()) {
      for (KpiResult r : p.report().results()) {
        csv.row(p.label(), p.report().period().start().toString(), p.report().period().end().toString(), r.kpi().id(),
            num(r.value().value()), Boolean.toString(p.partial()));
      }
    }
    return csv.toString();
  }

  /**
   * The report as one HTML page that opens in a browser without a network: inline CSS, inline SVG charts
   * (each KPI before and after, trends, the ROI's cash flow), tables, and every KPI's definition. All text
   * is escaped. Trend points the span cuts ({@link TrendPoint#partial()}) are left out of the charts and
   * named in a note.
   *
   * @param report the report
   * @return the HTML document
   * @throws io.zhiku.core.ValidationException if the report is missing
   */
  public static String html(MetricsReport report) {
    return new HtmlReport(Checks.present("report", report)).render();
  }

  static String num(OptionalDouble v) {
    return v.isPresent() ? num(v.getAsDouble()) : "";
  }

  static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v).strip();
  }
}
