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

/**
 * Compiles and runs the README's marked code blocks, so that they never go stale: the example (a snippet,
 * given the imports below) and the tutorial (a whole file).
 */
class ReadmeExampleTest {
  private static final List<String> IMPORTS = List.of(
      "io.zhiku.core.access.*", "io.zhiku.core.event.*", "io.zhiku.core.item.*", "io.zhiku.core.json.*",
      "io.zhiku.core.kb.*", "io.zhiku.push.*", "io.zhiku.core.search.*", "io.zhiku.core.taxonomy.*",
      "io.zhiku.skos.*", "java.nio.file.*", "java.util.*");

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

  /**
   * The tutorial is a whole file, {@code Tutorial.java}, as a reader copies it into a new project (CI also
   * builds one from the README alone: {@code .ci/fresh-project}); run, it prints what its comments say.
   */
  @Test
  void readmeTutorial_compilesAndRunsAsItsCommentsSay(@TempDir Path dir) throws Exception {
    String source = block("readme-tutorial");
    assertTrue(source.contains("public class Tutorial"), "the tutorial is a whole file");
    Path file = dir.resolve("Tutorial.java");
    Files.writeString(file, source, StandardCharsets.UTF_8);
    compile(dir, file, source);
    java.io.PrintStream out = System.out;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
      loader.loadClass("Tutorial").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(out);
    }
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("pushed first: tpl-edu, because recommended for the proposal stage in education"), text);
    assertTrue(text.contains("expert: chen"), text);
    assertTrue(text.contains("reuse rate: 0.5"), "one of two items reused by someone other than its author:\n" + text);
  }

  /** The code block between a marker's start and end comments. */
  private static String block(String marker) throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<!-- " + marker + ":start -->\\s*```java\\n(.*?)```\\s*<!-- " + marker + ":end -->",
        Pattern.DOTALL).matcher(readme);
    assertTrue(m.find(), "README.md has a java block marked " + marker);
    return m.group(1);
  }

  /** Compiles the block between a marker's start and end comments into a method returning the named values. */
  private Object[] run(Path dir, String marker, String returned) throws Exception {
    String snippet = block(marker);
    String name = "ReadmeSnippet";

    StringBuilder source = new StringBuilder();
    IMPORTS.forEach(i -> source.append("import ").append(i).append(";\n"));
    source.append("public class ").append(name).append(" {\n  public static Object[] run() throws Exception {\n")
        .append(snippet)
        .append("\n    return new Object[] {").append(returned).append("};\n  }\n}\n");
    Path file = dir.resolve(name + ".java");
    Files.writeString(file, source, StandardCharsets.UTF_8);
    compile(dir, file, source);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Method run = loader.loadClass(name).getMethod("run");
      return (Object[]) run.invoke(null);
    }
  }

  private static void compile(Path dir, Path file, CharSequence source) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    boolean ok = javac.getTask(errors, null, null,
        List.of("-classpath", classPath, "-d", dir.toString(), "-encoding", "UTF-8"), null,
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file.toFile())).call();
    assertTrue(ok, "README block " + file.getFileName() + " does not compile:\n" + errors + "\n" + source);
  }
}
