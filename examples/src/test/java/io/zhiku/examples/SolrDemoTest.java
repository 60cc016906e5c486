package io.zhiku.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo on SolrCloud tells the same story as on the embedded engine (every claim {@link DemoTest} checks
 * holds there too), and a second instance opened afterwards finds everything the first one wrote.
 */
class SolrDemoTest {
  @Test
  void theSameStory_onAnInProcessCluster_andASecondInstanceSeesIt(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Path html = SolrDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir, Optional.empty());
    assertEquals(dir.resolve("report.html"), html);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("2 collections created (demo-items, demo-events)"), out);
    DemoTest.theStoryHolds(out, dir);
    assertTrue(out.contains("(skipped: this knowledge base has no embedder"), "no embedder on SolrCloud yet: " + out);
    String second = out.substring(out.indexOf("== 8."));
    int items = Integer.parseInt(second.replaceAll("(?s).*items in its catalog: (\\d+);.*", "$1"));
    assertTrue(items >= 16, "the built-in items at least: " + second);
    assertTrue(second.contains("wang searches 5G专网 there: "), second);
    assertTrue(second.contains("智慧校园5G专网解决方案"), second);
  }
}
