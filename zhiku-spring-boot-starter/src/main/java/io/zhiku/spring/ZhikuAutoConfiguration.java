package io.zhiku.spring;

import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.search.TextEmbedder;
import io.zhiku.graph.KnowledgeGraph;
import io.zhiku.metrics.kpi.KpiEngine;
import io.zhiku.metrics.kpi.MetricsSource;
import io.zhiku.push.KnowledgePush;
import io.zhiku.push.PushRules;
import io.zhiku.push.PushSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.util.ClassUtils;

/**
 * Configures a {@link KnowledgeBase} from the {@code zhiku.*} properties ({@link ZhikuProperties}), closed
 * (and so committed) when the application context closes; and, each when its module is on the class path,
 * {@link KnowledgePush}, a {@link KpiEngine}, a {@link KnowledgeGraph} and an Actuator health indicator
 * (the Micrometer meters are {@link ZhikuMetricsAutoConfiguration}'s). A bean of the same type the host declares replaces any
 * of them. An embedder bean ({@link TextEmbedder}) is given to the knowledge base; {@link
 * ZhikuBuilderCustomizer} beans adjust its builder.
 */
@AutoConfiguration
@EnableConfigurationProperties(ZhikuProperties.class)
public class ZhikuAutoConfiguration implements BeanClassLoaderAware {
  private static final Logger LOG = LoggerFactory.getLogger(ZhikuAutoConfiguration.class);

  private ClassLoader classLoader = ZhikuAutoConfiguration.class.getClassLoader();

  /** Created by Spring. */
  public ZhikuAutoConfiguration() {}

  /**
   * The application's class loader, where optional modules are looked for.
   *
   * @param loader the loader
   */
  @Override
  public void setBeanClassLoader(ClassLoader loader) {
    this.classLoader = loader;
  }

  /**
   * The knowledge base.
   *
   * @param properties the {@code zhiku.*} properties
   * @param embedder an embedder bean, if the host has one
   * @param customizers the host's adjustments, in their order
   * @return the open knowledge base, its taxonomy set from {@code zhiku.taxonomy} if given
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public KnowledgeBase knowledgeBase(ZhikuProperties properties, ObjectProvider<TextEmbedder> embedder,
      ObjectProvider<ZhikuBuilderCustomizer> customizers) {
    KnowledgeBaseBuilder b = KnowledgeBase.builder();
    if (properties.getDirectory() != null) {
      b.directory(properties.getDirectory());
    } else {
      LOG.warn("zhiku.directory is not set: the knowledge base lives in memory and is lost at shutdown");
    }
    if (properties.getEngine() != null) {
      b.engine(properties.getEngine());
    }
    if (properties.getRefreshInterval() != null) {
      b.refreshInterval(properties.getRefreshInterval());
    }
    ZhikuProperties.Commit commit = properties.getCommit();
    if (commit.getMaxChanges() != null || commit.getMaxDelay() != null) {
      b.commitPolicy(new CommitPolicy(commit.getMaxChanges() != null ? commit.getMaxChanges() : CommitPolicy.DEFAULT.maxChanges(),
          commit.getMaxDelay() != null ? commit.getMaxDelay() : CommitPolicy.DEFAULT.maxDelay()));
    }
    b.countUsageInBackground(properties.isCountUsageInBackground());
    embedder.ifAvailable(b::embedder);
    customizers.orderedStream().forEach(c -> c.customize(b));
    KnowledgeBase kb = b.build();
    try {
      if (properties.getTaxonomy() != null) {
        if (!ClassUtils.isPresent("io.zhiku.skos.Skos", classLoader)) {
          throw new IllegalStateException("zhiku.taxonomy is set (" + properties.getTaxonomy()
              + ") but km-skos, which reads SKOS, is not on the class path: add io.zhiku:km-skos");
        }
        SkosTaxonomy.apply(kb, properties.getTaxonomy());
      }
    } catch (RuntimeException e) {
      kb.close();
      throw e;
    }
    return kb;
  }

  /** Push, when km-push is on the class path and {@code zhiku.push.enabled} is not false. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(KnowledgePush.class)
  @ConditionalOnProperty(prefix = "zhiku.push", name = "enabled", matchIfMissing = true)
  static class PushConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KnowledgePush knowledgePush(KnowledgeBase kb, ZhikuProperties properties) {
      KnowledgePush.Builder b = KnowledgePush.builder(kb);
      Resource rules = properties.getPush().getRules();
      if (rules != null) {
        b.settings(PushSettings.builder().rules(PushRules.fromJson(read(rules))).build());
      }
      return b.build();
    }
  }

  /** The KPI engine, when km-metrics is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(KpiEngine.class)
  static class MetricsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    KpiEngine kpiEngine(KnowledgeBase kb, ZhikuProperties properties) {
      KpiEngine.Builder b = KpiEngine.builder(MetricsSource.of(kb));
      if (properties.getMetrics().getZone() != null) {
        b.zone(properties.getMetrics().getZone());
      }
      return b.build();
    }
  }

  /** The knowledge graph, when km-graph is on the class path: beside the knowledge base's files, or in memory. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(KnowledgeGraph.class)
  static class GraphConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KnowledgeGraph knowledgeGraph(KnowledgeBase kb, ZhikuProperties properties) {
      KnowledgeGraph.Builder b = KnowledgeGraph.builder(kb);
      if (properties.getDirectory() != null) {
        b.directory(properties.getDirectory().resolve("graph"));
      }
      return b.build();
    }
  }

  /** The health indicator, when Actuator is on the class path and {@code management.health.zhiku.enabled} is not false. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnProperty(prefix = "management.health.zhiku", name = "enabled", matchIfMissing = true)
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "zhikuHealthIndicator")
    KnowledgeBaseHealthIndicator zhikuHealthIndicator(KnowledgeBase kb) {
      return new KnowledgeBaseHealthIndicator(kb);
    }
  }

  static String read(Resource resource) {
    try (var in = resource.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
