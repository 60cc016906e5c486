package io.zhiku.examples;

import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.push.KnowledgePush;
import io.zhiku.push.PushRule;
import io.zhiku.push.PushRules;
import io.zhiku.push.Reason;
import io.zhiku.push.Recommendation;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Part 5 of the demo: knowledge finds the person. The sales-project system calls {@link io.zhiku.push.KnowledgePush#push}
 * as customer manager Wang's smart-campus project moves from stage to stage; at each stage the push
 * names what helps and why (a curated rule for the stage, what colleagues in the same role used, what
 * resembles the customer's words). Wang takes the first item each time; the host records that, which
 * feeds the next pushes and the KPIs.
 */
public final class SalesProjectPush {
  /** The demo project's id, carried as the {@code project} attribute of its work context. */
  public static final String PROJECT = "proj-2026-118";

  /** The curated rules the solution center keeps, one per stage (JSON, as a host would load them). */
  public static final String RULES_JSON = """
      [{"id": "needs-checklist", "description": "the needs-analysis stage of a smart-campus deal",
        "when": {"stage": "stage.needs", "industry": "ind.smart-campus"}, "items": ["need-campus-wifi"]},
       {"id": "campus-proposal", "description": "the proposal stage of a smart-campus deal",
        "when": {"stage": "stage.proposal", "industry": "ind.smart-campus"}, "items": ["sol-campus-5g", "tpl-proposal"]},
       {"id": "negotiation-lessons", "description": "any negotiation",
        "when": {"stage": "stage.negotiation"}, "items": ["lesson-negotiation"]},
       {"id": "campus-delivery", "description": "delivering a smart-campus project",
        "when": {"stage": "stage.delivery", "industry": "ind.smart-campus"},
        "items": ["case-campus-delivery", "partner-huaxin"]}]""";

  /** What Wang types into the project at each stage, which the push compares items with. */
  private static final List<String> NOTES = List.of(
      "华东某大学有意建设智慧校园 East China University plans a smart campus",
      "客户要求宿舍无线覆盖并与一卡通统一身份认证 dormitory wireless and campus card single sign-on",
      "编写5G专网方案与报价 write the 5G private network proposal and price",
      "客户要求降价百分之十 the customer asks for a 10% discount",
      "准备交付：站点勘察与切片配置 prepare delivery: site survey and network slicing");

  private SalesProjectPush() {}

  /**
   * The rules, parsed.
   *
   * @return the push rules of {@link #RULES_JSON}
   */
  public static List<PushRule> rules() {
    return PushRules.fromJson(RULES_JSON);
  }

  /**
   * Walks the project through the five stages, a day apart, printing each push.
   *
   * @param kb the knowledge base
   * @param push push on it, configured with {@link #rules()}
   * @param clock the demo's clock (moved a day per stage)
   * @param out where to print
   */
  public static void run(KnowledgeBase kb, KnowledgePush push, DemoClock clock, PrintStream out) {
    Taxonomy taxonomy = kb.taxonomy();
    for (int s = 0; s < TelecomTaxonomy.STAGES.size(); s++) {
      String stage = TelecomTaxonomy.STAGES.get(s);
      WorkContext work = WorkContext.builder(Roles.WANG, clock.instant()).role("customer-manager")
          .process("sales-project").stage(stage).attribute(WorkContext.INDUSTRY, "ind.smart-campus")
          .attribute(WorkContext.CUSTOMER, FourLibraries.CUSTOMER).attribute(WorkContext.PROJECT, PROJECT)
          .text(NOTES.get(s)).build();
      List<Recommendation> pushed = push.push(work, 3);
      io.zhiku.core.taxonomy.Concept concept = taxonomy.concept(stage).orElseThrow();
      out.println("  " + concept.prefLabel("zh") + " / " + concept.prefLabel("en") + ": \"" + NOTES.get(s) + "\"");
      for (Recommendation r : pushed) {
        out.println("    -> " + r.item().id() + "  " + r.item().title());
        out.println("       because " + r.reasons().stream().map(Reason::text).collect(Collectors.joining("; ")));
      }
      if (!pushed.isEmpty()) {
        kb.record(UsageEvent.ofItem(UsageEventType.PUSH_ACCEPTED, clock.instant().plusSeconds(60), Roles.WANG,
            pushed.get(0).item().id()).withContext(work));
      }
      clock.advance(Duration.ofDays(1));
    }
  }
}
