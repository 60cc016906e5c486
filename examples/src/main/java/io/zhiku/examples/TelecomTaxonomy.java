package io.zhiku.examples;

import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.skos.Skos;
import io.zhiku.skos.SkosFormat;
import io.zhiku.skos.SkosOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Part 1 of the demo: the taxonomy of a telecom operator's group-customer division. Three dimensions are
 * built in Java (industries, products, sales stages) with Chinese and English labels; the fourth, work
 * categories, is imported from the SKOS file the process office keeps ({@code work-categories.ttl}).
 */
public final class TelecomTaxonomy {
  /** The sales stages in the order a project passes them. */
  public static final List<String> STAGES =
      List.of("stage.lead", "stage.needs", "stage.proposal", "stage.negotiation", "stage.delivery");

  private TelecomTaxonomy() {}

  /**
   * Builds the taxonomy.
   *
   * @return industries, products, sales stages and (from SKOS) work categories
   */
  public static Taxonomy build() {
    Taxonomy.Builder b = Taxonomy.builder()
        .scheme(ConceptScheme.of("industry", "en", "Industry"))
        .scheme(ConceptScheme.of("product", "en", "Product"))
        .scheme(ConceptScheme.of("stage", "en", "Sales stage"));
    concept(b, "ind.public", "industry", "政企客户", "Government and enterprise");
    concept(b, "ind.education", "industry", "教育", "Education", "ind.public");
    b.concept(Concept.builder("ind.smart-campus", "industry").broader("ind.education").prefLabel("zh", "智慧校园")
        .prefLabel("en", "Smart campus").altLabel("en", "SC").hiddenLabel("zh", "智能校园").build());
    concept(b, "ind.healthcare", "industry", "医疗卫生", "Healthcare", "ind.public");
    concept(b, "ind.logistics", "industry", "物流", "Logistics", "ind.public");
    concept(b, "ind.government", "industry", "政务", "Government", "ind.public");
    concept(b, "prod.5g-private", "product", "5G专网", "5G private network");
    concept(b, "prod.sdwan", "product", "SD-WAN组网", "SD-WAN");
    b.concept(Concept.builder("prod.iot", "product").prefLabel("zh", "物联网").prefLabel("en", "Internet of Things")
        .altLabel("en", "IoT").related("prod.video").build());
    concept(b, "prod.video", "product", "视频监控", "Video surveillance");
    concept(b, "prod.cloud", "product", "云服务", "Cloud services");
    String[][] stages = {{"商机线索", "Lead"}, {"需求分析", "Needs analysis"}, {"方案制定", "Proposal"},
        {"商务谈判", "Negotiation"}, {"交付实施", "Delivery"}};
    for (int i = 0; i < STAGES.size(); i++) {
      concept(b, STAGES.get(i), "stage", stages[i][0], stages[i][1]);
    }
    try (InputStream skos = TelecomTaxonomy.class.getResourceAsStream("work-categories.ttl")) {
      return Skos.readInto(b.build(), skos, SkosFormat.TURTLE, SkosOptions.DEFAULTS);
    } catch (IOException e) {
      throw new UncheckedIOException("reading work-categories.ttl from the class path", e);
    }
  }

  private static void concept(Taxonomy.Builder b, String id, String scheme, String zh, String en, String... broader) {
    b.concept(Concept.builder(id, scheme).prefLabel("zh", zh).prefLabel("en", en).broader(broader).build());
  }

  /**
   * Prints the taxonomy's dimensions and a few lookups the way people type labels.
   *
   * @param taxonomy the taxonomy from {@link #build()}
   * @param out where to print
   */
  public static void show(Taxonomy taxonomy, PrintStream out) {
    for (String scheme : List.of("industry", "product", "stage", "work")) {
      out.printf("  %-9s %s%n", scheme + ":", taxonomy.conceptsInScheme(scheme).stream()
          .map(id -> taxonomy.concept(id).orElseThrow().prefLabel("zh")).collect(Collectors.joining(" · ")));
    }
    out.println("  (work categories imported from SKOS: work-categories.ttl)");
    for (String typed : List.of("smart CAMPUS", "ＳＣ", "智慧校園", "IoT", "招投标")) {
      String found = taxonomy.findByLabel(typed).stream().map(c -> c.prefLabel("zh") + " (" + c.id() + ")")
          .collect(Collectors.joining(", "));
      out.printf("  label lookup %-14s -> %s%n", "\"" + typed + "\"", found.isEmpty() ? "(none)" : found);
    }
    out.println("  path to the top of 智慧校园: " + taxonomy.pathsToTop("ind.smart-campus"));
  }
}
