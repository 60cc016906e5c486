package io.zhiku.examples;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.AttributeValue;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.json.ZhikuJson;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.push.PushRule;
import io.zhiku.core.push.PushRules;
import io.zhiku.core.push.PushSettings;
import io.zhiku.core.push.Reason;
import io.zhiku.core.push.Recommendation;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Skos;
import io.zhiku.core.taxonomy.SkosFormat;
import io.zhiku.core.taxonomy.SkosOptions;
import io.zhiku.core.taxonomy.Taxonomy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The first thing a new user runs: a two-dimension taxonomy (industry and sales stage) in Chinese and
 * English, label lookup that forgives case, full-width and traditional characters, the polyhierarchy,
 * a knowledge item with its access rule, a SKOS round trip, and a knowledge base on the embedded
 * Lucene engine searched by two people who may read different things. Built on the public API only.
 */
public final class QuickStart {
  private QuickStart() {}

  /**
   * Runs the demo, printing to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    Taxonomy taxonomy = Taxonomy.builder()
        .scheme(ConceptScheme.of("industry", "en", "Industry"))
        .scheme(ConceptScheme.of("stage", "en", "Sales stage"))
        .concept(Concept.builder("ind.public", "industry").prefLabel("zh", "政企").prefLabel("en", "Public sector").build())
        .concept(Concept.builder("ind.education", "industry").broader("ind.public")
            .prefLabel("zh", "教育").prefLabel("en", "Education").altLabel("zh", "教育行业").build())
        .concept(Concept.builder("ind.healthcare", "industry").broader("ind.public")
            .prefLabel("zh", "医疗卫生").prefLabel("en", "Healthcare").build())
        .concept(Concept.builder("ind.smart-campus", "industry").broader("ind.education", "ind.healthcare")
            .prefLabel("zh", "智慧校园").prefLabel("en", "Smart campus")
            .altLabel("en", "SC").hiddenLabel("zh", "智能校园").build())
        .concept(Concept.builder("stage.proposal", "stage").prefLabel("zh", "方案阶段").prefLabel("en", "Proposal")
            .altLabel("en", "RFP response").build())
        .build();
    out.println("Taxonomy: " + taxonomy);

    for (String typed : List.of("smart CAMPUS", "ＳＣ", "智慧校園", "智能校园", "rfp RESPONSE")) {
      String found = taxonomy.findByLabel(typed).stream().map(c -> c.prefLabel("zh") + " (" + c.id() + ")")
          .collect(Collectors.joining(", "));
      out.printf("  lookup %-14s -> %s%n", "\"" + typed + "\"", found.isEmpty() ? "(none)" : found);
    }
    out.println("  paths to the top of 智慧校园: " + taxonomy.pathsToTop("ind.smart-campus"));
    out.println("  descendants of 政企: " + taxonomy.descendants("ind.public"));

    KnowledgeItem item = KnowledgeItem.builder("sol-1", ItemKind.SOLUTION, "智慧校园统一身份认证方案")
        .body("Single sign-on for 30,000 students and staff; integrates the campus card and the library.")
        .language("zh")
        .concepts("ind.smart-campus", "stage.proposal")
        .authors("alice")
        .attribute("contract-value", AttributeValue.of(1_200_000L))
        .acl(Acl.groups("sales-east"))
        .build();
    Principal alice = Principal.of("alice", List.of("sales-east"), List.of("account-manager"));
    Principal guest = Principal.of("guest");
    out.println("Item " + item.id() + ": alice may read = " + item.acl().permits(alice)
        + ", guest may read = " + item.acl().permits(guest));
    out.println("  as JSON: " + ZhikuJson.write(item).length() + " characters, reads back equal = "
        + item.equals(ZhikuJson.read(ZhikuJson.write(item), KnowledgeItem.class)));

    ByteArrayOutputStream turtle = new ByteArrayOutputStream();
    Skos.write(taxonomy, turtle, SkosFormat.TURTLE, SkosOptions.DEFAULTS);
    Taxonomy back = Skos.read(new java.io.ByteArrayInputStream(turtle.toByteArray()), SkosFormat.TURTLE, SkosOptions.DEFAULTS);
    out.println("SKOS Turtle export: " + turtle.toString(StandardCharsets.UTF_8).lines().count()
        + " lines; re-import equal = " + back.equals(taxonomy));

    // The static knowledge map: at the proposal stage for a smart-campus customer, push the SSO solution.
    List<PushRule> rules = PushRules.fromJson("""
        [{"id": "campus-proposal", "description": "the proposal stage of a smart-campus deal",
          "when": {"stage": "stage.proposal", "industry": "ind.smart-campus"}, "items": ["sol-1"]}]""");
    try (KnowledgeBase kb = KnowledgeBase.builder().taxonomy(taxonomy).push(PushSettings.builder().rules(rules).build()).build()) {
      kb.put(item);
      kb.put(KnowledgeItem.builder("faq-7", ItemKind.FAQ, "如何為校園一卡通開通統一身份認證？")
          .body("Traditional-Chinese FAQ: enable SSO for the campus card.").language("zh-Hant")
          .concepts("ind.education").acl(Acl.PUBLIC).build());
      kb.put(KnowledgeItem.builder("case-3", ItemKind.CASE, "医院HIS系统单点登录实施案例")
          .body("Hospital information system single sign-on rollout.").concepts("ind.healthcare")
          .acl(Acl.roles("delivery")).build());
      kb.refresh();
      out.println("Knowledge base (embedded Lucene, in memory): 3 items");
      for (Principal who : List.of(alice, guest)) {
        SearchResult r = kb.search(SearchRequest.builder(who).text("统一身份认证 SSO").build());
        out.println("  search \"统一身份认证 SSO\" as " + who.userId() + ": " + r.totalHits() + " hits "
            + r.hits().stream().map(h -> h.item().id()).toList());
      }
      SearchResult underPublic = kb.search(SearchRequest.builder(alice).concepts("ind.public").facets("industry").build());
      out.println("  browse under 政企 (with descendants) as alice: " + underPublic.hits().stream().map(h -> h.item().id()).toList());
      out.println("  industry facets, rolled up: " + underPublic.facets().get("industry").stream()
          .map(f -> taxonomy.concept(f.conceptId()).orElseThrow().prefLabel("zh") + "=" + f.count()).toList());
      out.println("  first hit, highlighted: " + kb.search(SearchRequest.builder(alice).text("身份认证").build()).hits().get(0).title());
      out.println("  suggestions for \"智慧\" as alice: " + kb.suggest(SuggestRequest.of(alice, "智慧")).stream()
          .map(x -> x.text() + " (" + x.source() + ")").toList());

      // Knowledge finds the person: colleagues used the FAQ; alice reaches the proposal stage of a deal.
      Instant now = Instant.now();
      for (String colleague : List.of("bob", "carol", "dave")) {
        kb.record(UsageEvent.ofItem(UsageEventType.VIEW, now, Principal.of(colleague, List.of(), List.of("account-manager")), "faq-7"));
      }
      kb.refresh();
      for (Principal who : List.of(alice, guest)) {
        WorkContext work = WorkContext.builder(who, now).role("account-manager").process("sales-project")
            .stage("stage.proposal").attribute(WorkContext.INDUSTRY, "ind.smart-campus")
            .text("客户要求校园一卡通支持统一身份认证").build();
        out.println("  push at the proposal stage, as " + who.userId() + ":");
        for (Recommendation r : kb.push(work, 3)) {
          out.println("    " + r.item().id() + " " + r.item().title() + " <- "
              + r.reasons().stream().map(Reason::text).collect(Collectors.joining("; ")));
        }
      }
    }
    out.println();
    out.println("Not in this demo yet: expert routing and knowledge maps (km-graph has them; see km-graph/README.md)");
    out.println("and the KPI report (km-metrics has it; see km-metrics/README.md). This demo grows with them.");
  }
}
