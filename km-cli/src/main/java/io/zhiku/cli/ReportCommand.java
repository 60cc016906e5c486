package io.zhiku.cli;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.metrics.kpi.Granularity;
import io.zhiku.metrics.kpi.KpiEngine;
import io.zhiku.metrics.kpi.KpiPeriod;
import io.zhiku.metrics.kpi.KpiSegment;
import io.zhiku.metrics.kpi.MetricsSource;
import io.zhiku.metrics.report.MetricsReport;
import io.zhiku.metrics.report.ReportWriter;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zhiku report}: the KPI report of a baseline period against a current one, for one viewer. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Compute the KPI report (every standard KPI, baseline against current, with verdicts and intervals; "
        + "trends; the most used items) for one viewer, and write it as HTML, JSON or CSV. Every figure counts only what "
        + "the viewer may read.")
final class ReportCommand implements Callable<Integer> {
  @Mixin
  KnowledgeBaseDirectory kb;

  @Option(names = "--baseline", required = true, paramLabel = "PERIOD", description = "The period before: " + Periods.FORMS + ".")
  String baseline;

  @Option(names = "--current", required = true, paramLabel = "PERIOD", description = "The period after, in the same forms.")
  String current;

  @Option(names = "--viewer", required = true, paramLabel = "USER",
      description = "Who the report is for: its figures count only the items this person may read.")
  String viewer;

  @Option(names = "--group", paramLabel = "GROUP", description = "A group the viewer is in (repeat for more).")
  List<String> groups = List.of();

  @Option(names = "--role", paramLabel = "ROLE", description = "A role the viewer holds (repeat for more).")
  List<String> roles = List.of();

  @Option(names = "--segment", paramLabel = "KEY=VALUE",
      description = "Only one segment: unit=GROUP, role=ROLE, concept=CONCEPT or kind=KIND (default: everyone).")
  String segment;

  @Option(names = "--trend", paramLabel = "STEP", description = "Add trends by month or quarter from the baseline's start "
      + "to the current period's end.")
  String trend;

  @Option(names = "--locale", paramLabel = "LANGUAGE", defaultValue = "en",
      description = "The report's language: en or zh-CN (default: ${DEFAULT-VALUE}).")
  String locale;

  @Option(names = "--title", paramLabel = "TEXT", description = "The title (default: \"Knowledge management report\" in the "
      + "report's language).")
  String title;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "html",
      description = "html, json, csv (the before/after table) or trend-csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Mixin
  Output output;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!List.of("html", "json", "csv", "trend-csv").contains(format)) {
      throw new ValidationException("--format", format, "html, json, csv or trend-csv");
    }
    Locale language = Locale.forLanguageTag(locale);
    if (!List.of("en", "zh").contains(language.getLanguage())) {
      throw new ValidationException("--locale", locale, "en or zh-CN");
    }
    KpiPeriod before = Periods.period("--baseline", baseline, output.zone);
    KpiPeriod after = Periods.period("--current", current, output.zone);
    Principal who = Principal.of(viewer, groups, roles);
    try (KnowledgeBase base = kb.open(spec.commandLine().getErr())) {
      KpiEngine metrics = KpiEngine.builder(MetricsSource.of(base)).zone(output.zone)
          .progressListener(new ProgressPrinter(spec.commandLine().getErr())).build();
      MetricsReport.Builder report = MetricsReport.builder(metrics, who, Clock.systemUTC()).locale(language)
          .compare(before, after).segment(segment());
      if (trend != null) {
        report.trend(KpiPeriod.of(before.start(), after.end()), granularity());
      }
      if (title != null) {
        report.title(title);
      }
      MetricsReport r = report.build();
      String text = switch (format) {
        case "json" -> ReportWriter.json(r);
        case "csv" -> ReportWriter.comparisonsCsv(r);
        case "trend-csv" -> ReportWriter.trendCsv(r);
        default -> ReportWriter.html(r);
      };
      output.write(spec, "report", w -> {
        w.write(text);
        return 1;
      });
    }
    return ZhikuCli.OK;
  }

  private Granularity granularity() {
    return switch (trend) {
      case "month" -> Granularity.MONTH;
      case "quarter" -> Granularity.QUARTER;
      default -> throw new ValidationException("--trend", trend, "month or quarter");
    };
  }

  private KpiSegment segment() {
    if (segment == null) {
      return KpiSegment.ALL;
    }
    int eq = segment.indexOf('=');
    String key = eq < 0 ? "" : segment.substring(0, eq);
    String value = eq < 0 ? "" : segment.substring(eq + 1);
    return switch (key) {
      case "unit" -> KpiSegment.unit(value);
      case "role" -> KpiSegment.role(value);
      case "concept" -> KpiSegment.concept(value);
      case "kind" -> KpiSegment.kind(ItemKind.of(value)); // a host may name its own kinds
      default -> throw new ValidationException("--segment", segment, "unit=GROUP, role=ROLE, concept=CONCEPT or kind=KIND");
    };
  }
}
