package io.zhiku.examples;

import io.zhiku.core.access.Principal;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchHit;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.taxonomy.Taxonomy;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Part 4 of the demo: search in Chinese and English. A traditional-Chinese query finds simplified items,
 * an English query finds bilingual ones, facets count by industry and product (rolled up the taxonomy),
 * hits come highlighted, and the confidential bid is found by the education team only: for anyone else
 * it is neither listed nor counted.
 */
public final class SearchTour {
  private SearchTour() {}

  /**
   * Runs the searches and prints them.
   *
   * @param kb the knowledge base with the four libraries
   * @param out where to print
   */
  public static void run(KnowledgeBase kb, PrintStream out) {
    Taxonomy taxonomy = kb.taxonomy();
    show(kb, out, Roles.WANG, "智慧校園專網", "traditional characters, simplified items");
    show(kb, out, Roles.WANG, "private network campus card", "English");
    SearchResult faceted = kb.search(SearchRequest.builder(Roles.WANG).text("5G专网").facets("industry", "product").build());
    for (String scheme : List.of("industry", "product")) {
      out.println("    facet " + scheme + ": " + faceted.facets().get(scheme).stream()
          .map(f -> taxonomy.concept(f.conceptId()).orElseThrow().prefLabel("zh") + "=" + f.count())
          .collect(Collectors.joining(", ")));
    }
    for (Principal who : List.of(Roles.LI, Roles.WANG)) {
      SearchResult r = kb.search(SearchRequest.builder(who).text("投标方案").build());
      out.printf("  \"投标方案\" as %s (%s): %d hit(s) %s%n", who.userId(), who.roles().iterator().next(), r.totalHits(),
          r.hits().stream().map(h -> h.item().id()).toList());
    }
    show(kb, out, Roles.KM_OFFICE, "知识管理 两张皮", "the seed articles, when loaded: the knowledge office's reading list");
    out.println("  suggestions for \"智慧\": " + kb.suggest(SuggestRequest.of(Roles.WANG, "智慧")).stream()
        .map(s -> s.text()).toList());
  }

  private static void show(KnowledgeBase kb, PrintStream out, Principal who, String text, String note) {
    SearchResult r = kb.search(SearchRequest.builder(who).text(text).pageSize(3).build());
    out.printf("  \"%s\" (%s) as %s: %d hit(s)%n", text, note, who.userId(), r.totalHits());
    for (SearchHit h : r.hits()) {
      out.println("    " + h.item().id() + "  " + h.title());
    }
  }
}
