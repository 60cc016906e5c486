package io.zhiku.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the README's marked code blocks (the example and the tutorial), so that they never go stale. */
class ReadmeExampleTest {
  private static final List<String> IMPORTS = List.of(
      "io.zhiku.core.access.*", "io.zhiku.core.event.*", "io.zhiku.core.item.*", "io.zhiku.core.json.*",
      "io.zhiku.core.kb.*", "io.zhiku.core.push.*", "io.zhiku.core.search.*", "io.zhiku.core.taxonomy.*",
      "io.zhiku.graph.*", "io.zhiku.metrics.kpi.*", "io.zhiku.metrics.kpi.Period", "java.nio.file.*", "java.time.*",
      "java.util.*");

  @Test
  void readmeExample_compilesAndRuns(@TempDir Path dir) throws Exception {
    Object[] results = run(dir, "readme-example", "found, above, mayRead, same.equals(item), again.equals(taxonomy), hits");
    assertEquals("smart-campus", ((List<?>) results[0]).stream()
        .map(c -> ((io.zhiku.core.taxonomy.Concept) c).id()).findFirst().orElse(null));
    assertEquals(java.util.Set.of("education"), results[1]);
    assertEquals(true, results[2], "alice may read");
    assertEquals(true, results[3], "JSON round trip");
    assertEquals(true, results[4], "SKOS round trip");
    assertEquals(1L, results[5], "knowledge base search");
  }

  @Test
  void readmeTutorial_compilesAndRunsAsItsCommentsSay(@TempDir Path dir) throws Exception {
    Object[] results = run(dir, "readme-tutorial", "pushed, experts, reuse");
    List<?> pushed = (List<?>) results[0];
    io.zhiku.core.push.Recommendation first = (io.zhiku.core.push.Recommendation) pushed.get(0);
    assertEquals("tpl-edu", first.item().id());
    assertTrue(first.reasons().stream().anyMatch(r -> r.text().contains("the proposal stage in education")), first.reasons().toString());
    assertEquals("chen", ((io.zhiku.graph.ExpertFinder.Expert) ((List<?>) results[1]).get(0)).userId());
    assertEquals(java.util.OptionalDouble.of(0.5), results[2], "one of two items reused by someone other than its author");
  }

  /** Compiles the block between a marker's start and end comments into a method returning the named values. */
  private Object[] run(Path dir, String marker, String returned) throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<!-- " + marker + ":start -->\\s*```java\\n(.*?)```\\s*<!-- " + marker + ":end -->",
        Pattern.DOTALL).matcher(readme);
    assertTrue(m.find(), "README.md has a java block marked " + marker);
    String snippet = m.group(1);
    String name = marker.equals("readme-example") ? "ReadmeSnippet" : "ReadmeTutorial";

    StringBuilder source = new StringBuilder();
    IMPORTS.forEach(i -> source.append("import ").append(i).append(";\n"));
    source.append("public class ").append(name).append(" {\n  public static Object[] run() throws Exception {\n")
        .append(snippet)
        .append("\n    return new Object[] {").append(returned).append("};\n  }\n}\n");
    Path file = dir.resolve(name + ".java");
    Files.writeString(file, source, StandardCharsets.UTF_8);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    boolean ok = javac.getTask(errors, null, null,
        List.of("-classpath", classPath, "-d", dir.toString(), "-encoding", "UTF-8"), null,
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file.toFile())).call();
    assertTrue(ok, "README block " + marker + " does not compile:\n" + errors + "\n" + source);

    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Method run = loader.loadClass(name).getMethod("run");
      return (Object[]) run.invoke(null);
    }
  }
}
