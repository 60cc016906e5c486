package io.zhiku.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.micrometer.KnowledgeBaseMetrics;
import io.zhiku.micrometer.PushMetrics;
import io.zhiku.push.KnowledgePush;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Micrometer meters of the knowledge base ({@link KnowledgeBaseMetrics}) and, with push, of push
 * ({@link PushMetrics}), when km-micrometer is on the class path and the application has a {@link
 * MeterRegistry} (Spring Boot binds every {@code MeterBinder} bean to its registries). Ordered after
 * {@link ZhikuAutoConfiguration} and after Actuator's metrics auto-configuration, so that the registry and
 * the beans it measures are known when its conditions are checked. A host's own bean of either type
 * replaces the starter's.
 */
@AutoConfiguration(after = ZhikuAutoConfiguration.class, afterName = {
    "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({KnowledgeBaseMetrics.class, MeterRegistry.class})
@ConditionalOnBean({MeterRegistry.class, KnowledgeBase.class})
public class ZhikuMetricsAutoConfiguration {
  /** Creates the configuration; Spring Boot does, when its conditions hold. */
  public ZhikuMetricsAutoConfiguration() {}

  /**
   * The knowledge base's meters.
   *
   * @param kb the knowledge base
   * @return its binder, without extra tags
   */
  @Bean
  @ConditionalOnMissingBean
  public KnowledgeBaseMetrics knowledgeBaseMetrics(KnowledgeBase kb) {
    return new KnowledgeBaseMetrics(kb, Tags.empty());
  }

  /** Push's meters, when there is push. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(KnowledgePush.class)
  @ConditionalOnBean(KnowledgePush.class)
  static class PushMetricsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    PushMetrics pushMetrics(KnowledgePush push) {
      return new PushMetrics(push, Tags.empty());
    }
  }
}
