package io.zhiku.spring;

import io.zhiku.core.kb.KnowledgeBaseBuilder;

/**
 * A bean that adjusts the knowledge base's builder after the {@code zhiku.*} properties are applied and
 * before it is built: an engine connection (SolrCloud), item limits, a clock, a progress listener. Beans
 * run in their {@code @Order}.
 */
@FunctionalInterface
public interface ZhikuBuilderCustomizer {
  /**
   * Adjusts the builder.
   *
   * @param builder the builder, with the properties applied
   */
  void customize(KnowledgeBaseBuilder builder);
}
