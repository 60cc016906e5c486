package io.zhiku.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.graph.KnowledgeGraph;
import io.zhiku.metrics.kpi.KpiEngine;
import io.zhiku.micrometer.KnowledgeBaseMetrics;
import io.zhiku.micrometer.PushMetrics;
import io.zhiku.push.KnowledgePush;
import io.zhiku.push.Recommendation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What the starter configures, from which properties, what a host's own beans replace, and what closes. */
class ZhikuAutoConfigurationTest {
  private static final Principal ALICE = Principal.of("alice", Set.of("sales"), Set.of());
  private static final String TURTLE = """
      @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
      @prefix ex: <http://example.org/kb/> .
      ex:industry a skos:ConceptScheme ; skos:hasTopConcept ex:education .
      ex:education a skos:Concept ; skos:inScheme ex:industry ; skos:topConceptOf ex:industry ;
        skos:prefLabel "Education"@en , "教育"@zh .
      """;

  @TempDir
  Path tmp;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ZhikuAutoConfiguration.class, ZhikuMetricsAutoConfiguration.class));

  @Test
  void everyPartOnTheClassPath_isConfigured_andHealthy() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      assertNull(context.getStartupFailure());
      assertNotNull(context.getBean(KnowledgeBase.class));
      assertNotNull(context.getBean(KnowledgePush.class));
      assertNotNull(context.getBean(KpiEngine.class));
      assertNotNull(context.getBean(KnowledgeGraph.class));
      assertNotNull(context.getBean(KnowledgeBaseMetrics.class));
      assertNotNull(context.getBean(PushMetrics.class));
      Health health = context.getBean(KnowledgeBaseHealthIndicator.class).health();
      assertEquals(Status.UP, health.getStatus());
      assertEquals(0L, health.getDetails().get("items"));
    });
  }

  /** What was put is committed when the context closes, and there when the application starts again. */
  @Test
  void theDirectory_keepsWhatWasWritten_acrossARestart() {
    Path dir = tmp.resolve("kb");
    ApplicationContextRunner onDisk = runner.withPropertyValues("zhiku.directory=" + dir, "zhiku.commit.max-changes=1000000",
        "zhiku.commit.max-delay=1h", "zhiku.refresh-interval=50ms");
    onDisk.run(context -> context.getBean(KnowledgeBase.class).put(item("faq-1")));
    onDisk.run(context -> {
      KnowledgeBase kb = context.getBean(KnowledgeBase.class);
      assertTrue(kb.get("faq-1").isPresent(), "committed at shutdown, though the commit policy had not come due");
      assertTrue(Files.isDirectory(dir.resolve("graph")), "the graph beside it");
    });
  }

  @Test
  void taxonomyAndPushRules_comeFromResources() throws Exception {
    Path ttl = Files.writeString(tmp.resolve("taxonomy.ttl"), TURTLE, StandardCharsets.UTF_8);
    Path rules = Files.writeString(tmp.resolve("rules.json"), """
        [{"id": "proposal", "when": {"stage": "proposal"}, "items": ["template-1"]}]""", StandardCharsets.UTF_8);
    runner.withPropertyValues("zhiku.taxonomy=file:" + ttl, "zhiku.push.rules=file:" + rules, "zhiku.metrics.zone=Asia/Shanghai")
        .run(context -> {
          KnowledgeBase kb = context.getBean(KnowledgeBase.class);
          assertEquals(1, kb.taxonomy().size());
          assertTrue(kb.taxonomy().concept("education").orElseThrow().prefLabels().containsValue("教育"));
          kb.put(item("template-1"));
          kb.put(item("other"));
          kb.refresh();
          var pushed = context.getBean(KnowledgePush.class)
              .push(WorkContext.builder(ALICE, Instant.parse("2026-01-05T00:00:00Z")).stage("proposal").build(), 3);
          assertEquals("template-1", pushed.get(0).item().id(), "the curated rule's item first: " + pushed.stream()
              .map(Recommendation::item).map(KnowledgeItem::id).toList());
          assertEquals(ZoneId.of("Asia/Shanghai"), context.getBean(KpiEngine.class).zone());
        });
  }

  @Test
  void aHostsOwnBeansAndCustomizers_win() {
    Clock fixed = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
    runner.withBean(ZhikuBuilderCustomizer.class, () -> b -> b.clock(fixed)).run(context ->
        assertEquals(fixed, context.getBean(KnowledgeBase.class).clock()));
    try (KnowledgeBase own = KnowledgeBase.inMemory()) {
      runner.withBean(KnowledgeBase.class, () -> own).run(context -> assertSame(own, context.getBean(KnowledgeBase.class)));
    }
    runner.withPropertyValues("zhiku.push.enabled=false", "management.health.zhiku.enabled=false").run(context -> {
      assertFalse(context.containsBean("knowledgePush"));
      assertTrue(context.getBeansOfType(KnowledgeBaseHealthIndicator.class).isEmpty());
    });
  }

  @Test
  void missingModules_areLeftOut_orNamedWhenAPropertyNeedsThem() {
    runner.withClassLoader(new FilteredClassLoader(KnowledgePush.class, KnowledgeGraph.class, KpiEngine.class,
        KnowledgeBaseMetrics.class, HealthIndicator.class)).run(context -> {
          assertNotNull(context.getBean(KnowledgeBase.class));
          assertTrue(context.getBeansOfType(KnowledgeBaseHealthIndicator.class).isEmpty());
          assertFalse(context.containsBean("knowledgePush") || context.containsBean("kpiEngine")
              || context.containsBean("knowledgeGraph") || context.containsBean("knowledgeBaseMetrics")
              || context.containsBean("pushMetrics"));
        });
    runner.withClassLoader(new FilteredClassLoader("io.zhiku.skos")).withPropertyValues("zhiku.taxonomy=classpath:none.ttl")
        .run(context -> {
          Throwable failure = context.getStartupFailure();
          assertNotNull(failure);
          while (failure.getCause() != null) {
            failure = failure.getCause();
          }
          assertTrue(failure.getMessage().contains("km-skos"), failure.getMessage());
        });
  }

  @Test
  void health_isDown_onceTheKnowledgeBaseIsClosed() {
    runner.run(context -> {
      context.getBean(KnowledgeBase.class).close();
      assertEquals(Status.DOWN, context.getBean(KnowledgeBaseHealthIndicator.class).health().getStatus());
    });
  }

  @Test
  void configurationMetadata_isGeneratedForIdes() throws Exception {
    try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertNotNull(in, "the configuration processor ran");
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String property : new String[] {"zhiku.directory", "zhiku.engine", "zhiku.taxonomy", "zhiku.commit.max-changes",
          "zhiku.push.rules", "zhiku.metrics.zone", "zhiku.count-usage-in-background"}) {
        assertTrue(json.contains("\"" + property + "\""), property);
      }
    }
  }

  private static KnowledgeItem item(String id) {
    return KnowledgeItem.builder(id, ItemKind.TEMPLATE, "Item " + id).body("Text of " + id).authors("bob").acl(Acl.PUBLIC).build();
  }
}
