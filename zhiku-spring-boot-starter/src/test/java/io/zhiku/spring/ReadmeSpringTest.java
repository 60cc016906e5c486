package io.zhiku.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.metrics.kpi.KpiEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The README's application.yml, as properties, starts the starter (the directory moved to a temporary one). */
class ReadmeSpringTest {
  @TempDir
  Path tmp;

  @Test
  void theReadmesApplicationYml_configuresTheKnowledgeBase() throws Exception {
    List<String> properties = new ArrayList<>();
    for (String p : properties(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8))) {
      properties.add(p.startsWith("zhiku.directory=") ? "zhiku.directory=" + tmp.resolve("kb") : p);
    }
    assertTrue(properties.contains("zhiku.push.rules=classpath:push-rules.json"), properties.toString());
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZhikuAutoConfiguration.class, ZhikuMetricsAutoConfiguration.class))
        .withPropertyValues(properties.toArray(String[]::new)).run(context -> {
          assertNull(context.getStartupFailure());
          assertEquals(1, context.getBean(KnowledgeBase.class).taxonomy().size());
          assertEquals(ZoneId.of("Asia/Shanghai"), context.getBean(KpiEngine.class).zone());
        });
    assertTrue(Files.isDirectory(tmp.resolve("kb").resolve("items")));
  }

  /** The first yaml block after "Use it from Spring Boot", flattened to key=value by its indentation. */
  static List<String> properties(String readme) {
    int section = readme.indexOf("\n## Use it from Spring Boot\n");
    assertTrue(section >= 0, "the README has the section");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String block = readme.substring(start, readme.indexOf("```\n", start));
    List<String> out = new ArrayList<>();
    List<String> path = new ArrayList<>();
    for (String line : block.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      int depth = (line.length() - line.stripLeading().length()) / 2;
      String[] kv = line.strip().split(":", 2);
      while (path.size() > depth) {
        path.remove(path.size() - 1);
      }
      if (kv[1].isBlank()) {
        path.add(kv[0]);
      } else {
        out.add(String.join(".", path) + (path.isEmpty() ? "" : ".") + kv[0] + "=" + kv[1].strip());
      }
    }
    return out;
  }
}
