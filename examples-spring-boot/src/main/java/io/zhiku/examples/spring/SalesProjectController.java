package io.zhiku.examples.spring;

import io.zhiku.core.NotFoundException;
import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.metrics.kpi.KpiEngine;
import io.zhiku.metrics.kpi.KpiPeriod;
import io.zhiku.metrics.report.MetricsReport;
import io.zhiku.metrics.report.ReportWriter;
import io.zhiku.push.KnowledgePush;
import io.zhiku.push.Reason;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sales-project service's knowledge endpoints. Who is asking, the {@link Principal} parameter, comes
 * from {@link CallerResolver}. Every answer is that
 * person's: what they may not read is neither shown nor counted. Bad input is a 400 naming the field.
 */
@RestController
class SalesProjectController {
  private final KnowledgeBase kb;
  private final KnowledgePush push;
  private final KpiEngine metrics;

  SalesProjectController(KnowledgeBase kb, KnowledgePush push, KpiEngine metrics) {
    this.kb = kb;
    this.push = push;
    this.metrics = metrics;
  }

  /** One search hit as the client sees it. */
  record Hit(String id, String kind, String title, String snippet) {}

  /** A page of search results. */
  record Hits(long total, boolean totalExact, List<Hit> hits) {}

  /** One pushed item, with why. */
  record Pushed(String id, String title, double score, List<String> reasons) {}

  /** A usage event the client reports. */
  record Usage(String type, String itemId, String stage) {}

  @GetMapping("/api/search")
  Hits search(Principal caller, @RequestParam("q") String query) {
    SearchResult r = kb.search(SearchRequest.builder(caller).text(query).build());
    return new Hits(r.totalHits(), r.totalHitsExact(), r.hits().stream()
        .map(h -> new Hit(h.item().id(), h.item().kind().name(), h.title(), h.snippet())).toList());
  }

  @GetMapping("/api/projects/{project}/push")
  List<Pushed> push(Principal caller, @PathVariable("project") String project,
      @RequestParam("stage") String stage, @RequestParam(name = "industry", required = false) String industry,
      @RequestParam(name = "text", required = false) String text, @RequestParam(name = "limit", defaultValue = "5") int limit) {
    WorkContext.Builder context = WorkContext.builder(caller, kb.clock().instant()).stage(stage)
        .attribute(WorkContext.PROJECT, project);
    if (industry != null) {
      context.attribute(WorkContext.INDUSTRY, industry);
    }
    if (text != null) {
      context.text(text);
    }
    return push.push(context.build(), limit).stream().map(r -> new Pushed(r.item().id(), r.item().title(), r.score(),
        r.reasons().stream().map(Reason::text).toList())).toList();
  }

  @PostMapping("/api/projects/{project}/usage")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void usage(Principal caller, @PathVariable("project") String project,
      @RequestBody Usage usage) {
    if (usage.itemId() != null && kb.get(usage.itemId()).filter(item -> item.acl().permits(caller)).isEmpty()) {
      throw new NotFoundException("item", usage.itemId()); // the same answer whether it is missing or not theirs to read
    }
    WorkContext.Builder context = WorkContext.builder(caller, kb.clock().instant()).attribute(WorkContext.PROJECT, project);
    if (usage.stage() != null) {
      context.stage(usage.stage());
    }
    kb.events().record(UsageEvent.builder(UsageEventType.of(usage.type()), kb.clock().instant(), caller).item(usage.itemId())
        .context(context.build()).build());
  }

  /** The KPI report for the caller, as HTML, in the language of the request's {@code Accept-Language}. */
  @GetMapping(value = "/api/report", produces = MediaType.TEXT_HTML_VALUE)
  String report(Principal caller, @RequestParam("baseline") String baseline,
      @RequestParam("current") String current, Locale locale) {
    MetricsReport report = MetricsReport.builder(metrics, caller, kb.clock()).locale(locale)
        .compare(month("baseline", baseline), month("current", current)).build();
    return ReportWriter.html(report);
  }

  private KpiPeriod month(String field, String text) {
    try {
      return KpiPeriod.month(YearMonth.parse(text), metrics.zone());
    } catch (DateTimeParseException e) {
      throw new ValidationException(field, text, "a month, e.g. 2026-01");
    }
  }

  @ExceptionHandler(ValidationException.class)
  ResponseEntity<Map<String, String>> badRequest(ValidationException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<Map<String, String>> notFound(NotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
  }
}
