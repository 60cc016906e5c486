package io.zhiku.metrics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.metrics.compare.KpiDirection;
import io.zhiku.metrics.kpi.Kpi;
import io.zhiku.metrics.kpi.KpiCatalogue;
import io.zhiku.metrics.kpi.KpiDefinition;
import io.zhiku.metrics.kpi.KpiScope;
import io.zhiku.metrics.kpi.KpiUnit;
import io.zhiku.metrics.kpi.KpiValue;
import io.zhiku.metrics.kpi.KpiResult;
import io.zhiku.metrics.kpi.TrendPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTML report as a reader sees it: rendered by headless Chromium, it loads without a console error or a
 * failed load, every trend chart draws each of its points inside the chart, no two labels of a chart overlap,
 * the Chinese title is drawn with a CJK font (not boxes), and the screenshot is kept in {@code
 * target/browser/} as a build artifact.
 *
 * <p>Skipped where there is no Chromium ({@code chromium} on the path, or {@code $ZHIKU_CHROMIUM}), unless
 * {@code ZHIKU_REQUIRE_BROWSER=1} (as {@code .ci/run} sets after installing Debian's {@code chromium} and
 * {@code fonts-noto-cjk}): then a missing browser fails.
 */
class ReportInBrowserTest {
  private static final Set<String> CJK_FONTS = Set.of("PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
      "Source Han Sans SC", "WenQuanYi Micro Hei");

  /** For each chart: its label, the circles drawn inside it, and any two of its texts whose boxes overlap. */
  private static final String CHARTS = """
      JSON.stringify([...document.querySelectorAll('svg[role=img]')].map(svg => {
        const box = svg.getBoundingClientRect();
        const inside = r => r.width > 0 && r.height > 0 && r.left >= box.left - 1 && r.right <= box.right + 1
            && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
        const texts = [...svg.querySelectorAll('text')].map(t => ({text: t.textContent, r: t.getBoundingClientRect()}));
        const overlaps = [];
        for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
          const a = texts[i].r, b = texts[j].r;
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
            overlaps.push(texts[i].text + ' | ' + texts[j].text);
          }
        }
        return {label: svg.getAttribute('aria-label'), width: box.width,
            circles: [...svg.querySelectorAll('circle')].filter(c => inside(c.getBoundingClientRect())).length,
            textsOutside: texts.filter(t => !inside(t.r)).map(t => t.text), overlaps};
      }))""";

  /**
   * A host's KPI with a long name in both languages and a value that changes month by month: its chart's
   * title must neither run into the value range nor past the chart's edge.
   */
  private static final Kpi LONG_NAMED = new Kpi() {
    private final KpiDefinition english = KpiDefinition.builder("escalated-resolution", "Resolution time of escalated "
        + "tickets at second-line support, no knowledge used", KpiUnit.HOURS, KpiDirection.LOWER_IS_BETTER)
        .describe("Hours from escalation to closing.", "mean of hours").events(UsageEventType.VIEW).build();

    @Override
    public KpiDefinition definition() {
      return english;
    }

    @Override
    public KpiDefinition definition(Locale locale) {
      return locale.getLanguage().equals("zh") ? KpiDefinition.builder(english.id(), "二线支持升级工单在未使用任何知识情况下的平均解决时长",
          english.unit(), english.direction()).describe("从升级到关闭的小时数。", "小时数的平均值").events(UsageEventType.VIEW).build()
          : english;
    }

    @Override
    public Collector collector(KpiScope scope) {
      return new Collector() {
        @Override
        public void accept(EventRow row) {}

        @Override
        public KpiValue finish() {
          return scope.sum(1000 + scope.period().start().atZone(java.time.ZoneOffset.UTC).getMonthValue(), 0);
        }
      };
    }
  };

  @ParameterizedTest
  @ValueSource(strings = {"zh-CN", "en"})
  void theReport_rendersInABrowser_withEveryPointAndNoError(String language, @TempDir Path profile) throws Exception {
    Optional<Path> browser = HeadlessChromium.find();
    if ("1".equals(System.getenv("ZHIKU_REQUIRE_BROWSER"))) {
      assertTrue(browser.isPresent(), "ZHIKU_REQUIRE_BROWSER=1 but no chromium on the path nor $ZHIKU_CHROMIUM");
    }
    Assumptions.assumeTrue(browser.isPresent(), "no headless Chromium here");
    Locale locale = Locale.forLanguageTag(language);
    MetricsReport report = ReportWriterTest.builder(Principal.of("chair", Set.of("board"), Set.of()),
        KpiCatalogue.standard().with(LONG_NAMED)).locale(locale).build();
    Path dir = Files.createDirectories(Path.of("target", "browser"));
    Path page = dir.resolve("report-" + language + ".html");
    Files.writeString(page, ReportWriter.html(report));

    try (HeadlessChromium chromium = HeadlessChromium.start(browser.get(), profile, 1200, 900)) {
      chromium.open(page.toAbsolutePath().toUri());
      Files.write(dir.resolve("report-" + language + ".png"), chromium.screenshot());
      assertEquals(List.of(), chromium.errors(), "console errors or failed loads");

      Map<String, JsonNode> charts = new LinkedHashMap<>();
      for (JsonNode chart : new com.fasterxml.jackson.databind.ObjectMapper().readTree(chromium.evaluate(CHARTS).asText())) {
        charts.put(chart.get("label").asText(), chart);
        assertTrue(chart.get("width").asDouble() > 0, "drawn: " + chart);
        assertEquals(0, chart.get("overlaps").size(), "labels drawn over each other in " + chart);
        assertEquals(0, chart.get("textsOutside").size(), "labels cut off at the chart's edge in " + chart);
      }
      Map<String, Integer> expected = expectedPoints(report);
      assertTrue(expected.size() >= 3, "the test report has trend charts: " + expected);
      expected.forEach((label, points) -> {
        assertTrue(charts.containsKey(label), "a chart for " + label + " among " + charts.keySet());
        assertEquals(points, charts.get(label).get("circles").asInt(), "points drawn in " + label);
      });
      assertEquals(expected.size() + 2, charts.size(), "the trend charts, the before/after chart and the cash flow");

      if (language.startsWith("zh")) {
        List<String> fonts = chromium.fontsOf("h1");
        assertTrue(fonts.stream().anyMatch(CJK_FONTS::contains),
            "the Chinese title drawn with a CJK font of the stack (install fonts-noto-cjk), not " + fonts);
      }
    }
  }

  /** Per trend chart (by its accessible name), the points it must draw: the whole periods with a value. */
  private static Map<String, Integer> expectedPoints(MetricsReport report) {
    Map<String, Integer> out = new LinkedHashMap<>();
    List<TrendPoint> whole = report.trend().stream().filter(p -> !p.partial()).toList();
    int kpis = whole.get(0).report().results().size();
    for (int k = 0; k < kpis; k++) {
      List<Boolean> present = new ArrayList<>();
      for (TrendPoint p : whole) {
        present.add(p.report().results().get(k).value().value().isPresent());
      }
      long n = present.stream().filter(b -> b).count();
      if (n >= 2) {
        KpiResult r = whole.get(0).report().results().get(k);
        String label = io.zhiku.metrics.internal.Texts.of(report.locale()).get("html.trend.chart", r.kpi().name());
        out.put(label, (int) n);
      }
    }
    return out;
  }
}
