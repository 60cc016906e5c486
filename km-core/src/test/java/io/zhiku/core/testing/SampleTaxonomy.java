package io.zhiku.core.testing;

import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import java.util.List;

/** A small taxonomy with polyhierarchy, shared labels and several languages, for taxonomy and SKOS tests. */
public final class SampleTaxonomy {
  private SampleTaxonomy() {}

  /**
   * industry: public ─┬─ education ─┬─ smart-campus
   *                   └─ health ────┘      (two parents)
   *           finance
   * stage:    proposal, delivery
   */
  public static Taxonomy sample() {
    return Taxonomy.builder()
        .scheme(ConceptScheme.of("industry", "en", "Industry"))
        .scheme(ConceptScheme.of("stage", "zh", "阶段"))
        .concept(Concept.builder("public", "industry").prefLabel("en", "Public sector").prefLabel("zh", "政企").build())
        .concept(Concept.builder("education", "industry").broader("public").prefLabel("en", "Education")
            .prefLabel("zh-Hant", "教育").altLabel("en", "EDU").build())
        .concept(Concept.builder("health", "industry").broader("public").prefLabel("en", "Healthcare")
            .prefLabel("zh", "医疗").related("education").build())
        .concept(Concept.builder("smart-campus", "industry").broader("education", "health")
            .prefLabel("zh", "智慧校园").altLabel("en", "CRM").hiddenLabel("zh", "智能校园").notation("IND-7").build())
        .concept(Concept.builder("finance", "industry").prefLabel("en", "Finance").altLabel("en", "CRM")
            .prefLabel("zh-Hant", "金融業").build())
        .concept(Concept.builder("proposal", "stage").topConceptOf("stage").prefLabel("zh", "方案").build())
        .concept(Concept.builder("delivery", "stage").prefLabel("zh", "交付").build())
        .build();
  }

  /** @return the ids of the concepts, in order */
  public static List<String> ids(List<Concept> concepts) {
    return concepts.stream().map(Concept::id).toList();
  }
}
