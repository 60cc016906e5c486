package io.zhiku.examples.spring;

import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.examples.FourLibraries;
import io.zhiku.examples.SalesProjectPush;
import io.zhiku.examples.TelecomTaxonomy;
import io.zhiku.graph.KnowledgeGraph;
import io.zhiku.push.KnowledgePush;
import io.zhiku.push.PushSettings;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A sales-project service with knowledge built in: the starter configures the knowledge base from
 * {@code application.yml}; this application adds the solution center's push rules and, on an empty
 * directory, the demo's four libraries. {@link SalesProjectController} serves them over HTTP.
 */
@SpringBootApplication
public class SalesKnowledgeApplication implements WebMvcConfigurer {
  /** Created by Spring. */
  public SalesKnowledgeApplication() {}

  /**
   * Starts the service.
   *
   * @param args Spring Boot's arguments, e.g. {@code --zhiku.directory=/var/lib/sales-kb}
   */
  public static void main(String[] args) {
    SpringApplication.run(SalesKnowledgeApplication.class, args);
  }

  /**
   * Gives handlers the caller as a {@link io.zhiku.core.access.Principal} parameter.
   *
   * @param resolvers Spring MVC's resolvers
   */
  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new CallerResolver());
  }

  /**
   * Push with the solution center's curated rules: a bean of the host's own, so the starter's backs off.
   *
   * @param kb the knowledge base
   * @return push, closed with the application
   */
  @Bean(destroyMethod = "close")
  KnowledgePush knowledgePush(KnowledgeBase kb) {
    return KnowledgePush.builder(kb).settings(PushSettings.builder().rules(SalesProjectPush.rules()).build()).build();
  }

  /**
   * The taxonomy and the four libraries (customer needs, experts, solutions, partners), the first time the
   * service starts on an empty knowledge base.
   *
   * @param kb the knowledge base
   * @param graph its graph
   * @return the runner
   */
  @Bean
  ApplicationRunner fourLibraries(KnowledgeBase kb, KnowledgeGraph graph) {
    return args -> {
      if (kb.catalog().size() == 0) {
        kb.setTaxonomy(TelecomTaxonomy.build());
        FourLibraries.load(kb, graph, kb.clock().instant());
        kb.commit();
        kb.refresh();
      }
    };
  }
}
