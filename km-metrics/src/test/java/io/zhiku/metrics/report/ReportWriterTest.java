package io.zhiku.metrics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.json.ZhikuJson;
import io.zhiku.metrics.compare.KpiDirection;
import io.zhiku.metrics.kpi.Granularity;
import io.zhiku.metrics.kpi.Kpi;
import io.zhiku.metrics.kpi.KpiCatalogue;
import io.zhiku.metrics.kpi.KpiDefinition;
import io.zhiku.metrics.kpi.KpiScope;
import io.zhiku.metrics.kpi.KpiUnit;
import io.zhiku.metrics.kpi.KpiValue;
import io.zhiku.metrics.kpi.Kpis;
import io.zhiku.metrics.kpi.KpisTest;
import io.zhiku.metrics.kpi.KpiEngine;
import io.zhiku.metrics.kpi.KpiPeriod;
import io.zhiku.metrics.kpi.Recorder;
import io.zhiku.metrics.kpi.TrendPoint;
import io.zhiku.metrics.points.IncentivePoints;
import io.zhiku.metrics.roi.Benefit;
import io.zhiku.metrics.roi.Cost;
import io.zhiku.metrics.roi.RoiModel;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The three formats of one report: complete, self-contained, escaped, and blind to what the viewer may not read. */
class ReportWriterTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-03T04:05:06Z"), ZoneOffset.UTC);
  private static final String SECRET_TITLE = "Confidential bid plan for the ministry";
  private static final Principal CLERK = Principal.of("clerk", Set.of("sales"), Set.of());
  private static final Principal CHAIR = Principal.of("chair", Set.of("board"), Set.of());

  /** January from KpisTest, a December before it, and one confidential item much reused in January. */
  private static Recorder data() {
    Recorder r = KpisTest.january();
    r.item(KnowledgeItem.builder("secret-1", ItemKind.SOLUTION, SECRET_TITLE).authors("a9").acl(Acl.groups("board")).build());
    r.item(KnowledgeItem.builder("odd", ItemKind.FAQ, "<script>alert('x')</script> & \"quotes\"").authors("a1").acl(Acl.PUBLIC).build());
    for (int i = 0; i < 30; i++) {
      r.event(UsageEventType.REUSE, "u" + i, "2026-01-20T10:" + String.format("%02d", i) + ":00Z", "secret-1");
    }
    r.event(UsageEventType.VIEW, "u1", "2026-01-21T10:00:00Z", "odd");
    for (int i = 0; i < 12; i++) {
      r.valued(UsageEventType.RATE, "t" + i, "2025-12-1" + (i % 9) + "T00:00:00Z", "i1", 2 + i % 2);
      r.search("s" + i, "2025-12-0" + (1 + i % 9) + "T00:00:00Z", i % 3);
    }
    return r;
  }

  private static MetricsReport report(Principal viewer, KpiCatalogue catalogue) {
    return builder(viewer, catalogue).title("January review").build();
  }

  /** The test report's builder, without a title: the other tests of reports use it. */
  static MetricsReport.Builder builder(Principal viewer, KpiCatalogue catalogue) {
    KpiEngine metrics = KpiEngine.builder(data().source(KpisTest.TAXONOMY)).catalogue(catalogue).build();
    return MetricsReport.builder(metrics, viewer, CLOCK)
        .compare(KpiPeriod.month(YearMonth.of(2025, 12), ZoneOffset.UTC), KpiPeriod.month(YearMonth.of(2026, 1), ZoneOffset.UTC))
        .trend(KpiPeriod.of(Instant.parse("2025-11-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z")), Granularity.MONTH)
        .roi(RoiModel.builder().cost(Cost.oneOff("set-up", 100_000)).cost(Cost.perYear("curation", 20_000))
            .benefit(Benefit.timeSaved("search time", 1_000, 60)).build())
        .leaderboard(IncentivePoints.standard(ZoneOffset.UTC), null, 5);
  }

  @Test
  void html_isOnePageWithChartsAndNothingFetched() {
    String html = ReportWriter.html(report(CLERK, KpiCatalogue.standard()));
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("<svg role=\"img\" aria-label=\"Each KPI before and after\""), "before/after chart");
    assertTrue(html.contains("aria-label=\"Satisfaction by period\""), "a trend chart");
    assertTrue(html.contains("aria-label=\"Cash flow by year\""), "ROI chart");
    assertTrue(html.contains("Knowledge reuse rate") && html.contains("Formula: "), "the definitions");
    assertTrue(html.contains("generated Feb 3, 2026, 4:05:06"), "dates written for the reader");
    assertTrue(html.contains("baseline Dec 1, 2025 – Dec 31, 2025"), html);
    for (String external : new String[] {"http:", "https:", "<script", "<link", "<img", "@import", "url("}) {
      assertFalse(html.contains(external), "no " + external);
    }
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"), "titles are escaped");
  }

  /**
   * A report asked for in Chinese is Chinese throughout: headings, KPI names, definitions and formulas,
   * verdicts, notes of values and comparisons, units, dates and the JSON's names; its figures are the
   * English report's. A report asked for in English stays English on a server whose default locale is
   * Chinese.
   */
  @Test
  void aReportInChinese_isChineseThroughout_andEnglishStaysEnglishOnAChineseServer() throws Exception {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
      MetricsReport english = report(CLERK, KpiCatalogue.standard());
      assertEquals(Locale.ENGLISH, english.locale());
      assertTrue(ReportWriter.html(english).contains("Before and after"), "not the server's language");
      assertEquals("Knowledge reuse rate", english.comparisons().get(0).kpi().name());
    } finally {
      Locale.setDefault(before);
    }
    MetricsReport zh = builder(CLERK, KpiCatalogue.standard()).locale(Locale.forLanguageTag("zh-CN")).build();
    assertEquals(Locale.SIMPLIFIED_CHINESE, zh.locale());
    assertEquals("知识管理报告", zh.title(), "the default title in the reader's language");
    String html = ReportWriter.html(zh);
    assertTrue(html.contains("<html lang=\"zh-CN\">"), "the page says its language");
    for (String words : new String[] {"前后对比", "知识复用率", "公式：", "越高越好", "按月的趋势", "投资回报", "各项 KPI 的含义", "激励积分榜",
        "基期 2025年12月1日 至 2025年12月31日", "数据不足：基期 12 个观测值，本期 3 个，每期至少需要 10 个", "满意度的逐期变化"}) {
      assertTrue(html.contains(words), words);
    }
    for (String english : new String[] {"Before and after", "Knowledge reuse rate", "Formula", "not enough data", "nothing ",
        "observations", "hours", "Trends by", " to "}) {
      assertFalse(html.contains(english), "English left in the Chinese page: " + english);
    }
    JsonNode root = ZhikuJson.newMapper().readTree(ReportWriter.json(zh));
    assertEquals("zh-CN", root.get("locale").asText());
    assertEquals("知识复用率", root.get("kpis").get(0).get("name").asText());
    assertEquals(Kpis.REUSE_RATE, root.get("kpis").get(0).get("id").asText(), "ids stay as they are");
    MetricsReport en = report(CLERK, KpiCatalogue.standard());
    for (int i = 0; i < en.comparisons().size(); i++) {
      assertEquals(en.comparisons().get(i).current().value(), zh.comparisons().get(i).current().value(), "the same figures");
      assertEquals(en.comparisons().get(i).comparison().map(c -> c.verdict()), zh.comparisons().get(i).comparison().map(c -> c.verdict()));
    }
  }

  /**
   * A span that ends at UTC midnight while months are cut in Shanghai ends eight hours into the last month:
   * that point is marked partial in JSON and CSV and left out of the HTML charts, never drawn as a fall.
   */
  @Test
  void aMonthTheSpanCuts_isMarkedPartial_andLeftOutOfTheCharts() throws Exception {
    ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    KpiEngine metrics = KpiEngine.builder(data().source(KpisTest.TAXONOMY)).zone(shanghai).build();
    MetricsReport r = MetricsReport.builder(metrics, CLERK, CLOCK).title("Shanghai months")
        .compare(KpiPeriod.month(YearMonth.of(2025, 12), shanghai), KpiPeriod.month(YearMonth.of(2026, 1), shanghai))
        .trend(KpiPeriod.of(KpiPeriod.month(YearMonth.of(2025, 11), shanghai).start(), Instant.parse("2026-02-01T00:00:00Z")),
            Granularity.MONTH)
        .build();
    assertEquals(List.of("2025-11", "2025-12", "2026-01", "2026-02"), r.trend().stream().map(TrendPoint::label).toList());
    assertEquals(List.of(false, false, false, true), r.trend().stream().map(TrendPoint::partial).toList(),
        "February holds 8 hours of the span");
    JsonNode points = ZhikuJson.newMapper().readTree(ReportWriter.json(r)).get("trend").get("points");
    assertTrue(points.get(3).get("partial").asBoolean());
    assertFalse(points.get(2).get("partial").asBoolean());
    assertTrue(ReportWriter.trendCsv(r).lines().skip(1).allMatch(l -> l.endsWith(l.startsWith("2026-02") ? ",true" : ",false")));
    String html = ReportWriter.html(r);
    assertTrue(html.contains("<title>2026-01: "), "whole months are drawn");
    assertFalse(html.contains("<title>2026-02: "), "the partial month is not");
    assertTrue(html.contains("Left out of the charts, because the report&#39;s span covers only part of them: 2026-02."), html);
    assertTrue(html.contains("\"Noto Sans CJK SC\""), "a CJK font before the generic fallback");
  }

  @Test
  void noFormat_namesOrCountsAnItemTheViewerMayNotRead() {
    MetricsReport clerk = report(CLERK, KpiCatalogue.standard());
    for (String text : new String[] {ReportWriter.html(clerk), ReportWriter.json(clerk), ReportWriter.comparisonsCsv(clerk),
        ReportWriter.trendCsv(clerk)}) {
      assertFalse(text.contains(SECRET_TITLE) || text.contains("secret-1"), text);
    }
    assertEquals("2/4", reuse(clerk), "the clerk's reuse rate neither counts the secret item nor its 30 reuses");
    MetricsReport chair = report(CHAIR, KpiCatalogue.standard());
    assertEquals("3/5", reuse(chair));
    assertTrue(ReportWriter.html(chair).contains(SECRET_TITLE), "someone who may read it sees it");
    assertEquals("secret-1", chair.topItems().get(0).itemId());
  }

  private static String reuse(MetricsReport report) {
    KpiValue v = report.comparisons().stream().filter(c -> c.kpi().id().equals(Kpis.REUSE_RATE)).findFirst().orElseThrow().current();
    return v.hits() + "/" + v.trials();
  }

  @Test
  void json_holdsEveryKpiWithDefinitionValuesAndChange() throws Exception {
    JsonNode root = ZhikuJson.newMapper().readTree(ReportWriter.json(report(CLERK, KpiCatalogue.standard())));
    assertEquals("January review", root.get("title").asText());
    assertEquals("clerk", root.get("viewer").asText());
    assertEquals(Kpis.standard().size(), root.get("kpis").size());
    JsonNode satisfaction = find(root, Kpis.SATISFACTION);
    assertEquals("HIGHER_IS_BETTER", satisfaction.get("direction").asText());
    assertEquals(2.5, satisfaction.get("baseline").get("value").asDouble(), 1e-9);
    assertEquals(3.0, satisfaction.get("current").get("value").asDouble(), 1e-9);
    assertEquals("NOT_ENOUGH_DATA", satisfaction.get("change").get("verdict").asText(), "3 ratings in January");
    JsonNode cycle = find(root, Kpis.PROJECT_CYCLE_TIME);
    assertTrue(cycle.get("baseline").get("value").isNull(), "no project ended in December");
    assertTrue(cycle.get("change").isNull());
    assertEquals(3, root.get("trend").get("points").size());
    assertEquals("2025-11", root.get("trend").get("points").get(0).get("label").asText());
    assertEquals(6, root.get("roi").get("years").size());
    assertTrue(root.get("leaderboard").get("standings").size() > 0);
  }

  private static JsonNode find(JsonNode root, String id) {
    for (JsonNode k : root.get("kpis")) {
      if (k.get("id").asText().equals(id)) {
        return k;
      }
    }
    throw new AssertionError(id);
  }

  @Test
  void csv_isOneLinePerKpi_quotedAndSafeInSpreadsheets() {
    Kpi formula = new Kpi() {
      private final KpiDefinition d = KpiDefinition.builder("host-kpi", "=HYPERLINK(\"x\"), with a comma", KpiUnit.COUNT,
          KpiDirection.HIGHER_IS_BETTER).describe("d", "f").events(UsageEventType.VIEW).build();

      @Override
      public KpiDefinition definition() {
        return d;
      }

      @Override
      public Collector collector(KpiScope scope) {
        return new Collector() {
          @Override
          public void accept(EventRow row) {}

          @Override
          public KpiValue finish() {
            return scope.sum(-3, 0);
          }
        };
      }
    };
    String csv = ReportWriter.comparisonsCsv(report(CLERK, KpiCatalogue.standard().with(formula)));
    String[] lines = csv.split("\r\n");
    assertEquals(Kpis.standard().size() + 2, lines.length);
    assertTrue(lines[0].startsWith("kpi,name,unit,direction,baseline,current,"));
    assertTrue(csv.contains("host-kpi,\"'=HYPERLINK(\"\"x\"\"), with a comma\",COUNT,HIGHER_IS_BETTER,-3,-3,0,"), csv);
  }

  @Test
  void aReportWithoutPeriods_isRefused() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> MetricsReport.builder(KpiEngine.builder(data().source(KpisTest.TAXONOMY)).build(), CLERK, CLOCK).build());
    assertTrue(e.getMessage().startsWith("compare:"), e.getMessage());
    assertThrows(ValidationException.class, () -> MetricsReport.builder(KpiEngine.builder(data().source(KpisTest.TAXONOMY)).build(), null, CLOCK));
    assertThrows(ValidationException.class, () -> MetricsReport.builder(KpiEngine.builder(data().source(KpisTest.TAXONOMY)).build(), CLERK, CLOCK).topItems(-1));
  }
}
