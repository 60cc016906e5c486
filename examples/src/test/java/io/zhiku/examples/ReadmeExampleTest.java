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

/** Compiles and runs the code block of the README's "Example" section, so that it never goes stale. */
class ReadmeExampleTest {
  private static final List<String> IMPORTS = List.of(
      "io.zhiku.core.access.*", "io.zhiku.core.item.*", "io.zhiku.core.json.*", "io.zhiku.core.kb.*",
      "io.zhiku.core.search.*", "io.zhiku.core.taxonomy.*",
      "java.nio.file.*", "java.util.*");

  @Test
  void readmeExample_compilesAndRuns(@TempDir Path dir) throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<!-- readme-example:start -->\\s*```java\\n(.*?)```\\s*<!-- readme-example:end -->",
        Pattern.DOTALL).matcher(readme);
    assertTrue(m.find(), "README.md has a marked java example");
    String snippet = m.group(1);

    StringBuilder source = new StringBuilder();
    IMPORTS.forEach(i -> source.append("import ").append(i).append(";\n"));
    source.append("public class ReadmeSnippet {\n  public static Object[] run() throws Exception {\n")
        .append(snippet)
        .append("\n    return new Object[] {found, above, mayRead, same.equals(item), again.equals(taxonomy), hits};\n  }\n}\n");
    Path file = dir.resolve("ReadmeSnippet.java");
    Files.writeString(file, source, StandardCharsets.UTF_8);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    boolean ok = javac.getTask(errors, null, null,
        List.of("-classpath", classPath, "-d", dir.toString(), "-encoding", "UTF-8"), null,
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file.toFile())).call();
    assertTrue(ok, "README example does not compile:\n" + errors + "\n" + source);

    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Method run = loader.loadClass("ReadmeSnippet").getMethod("run");
      Object[] results = (Object[]) run.invoke(null);
      assertEquals("smart-campus", ((List<?>) results[0]).stream()
          .map(c -> ((io.zhiku.core.taxonomy.Concept) c).id()).findFirst().orElse(null));
      assertEquals(java.util.Set.of("education"), results[1]);
      assertEquals(true, results[2], "alice may read");
      assertEquals(true, results[3], "JSON round trip");
      assertEquals(true, results[4], "SKOS round trip");
      assertEquals(1L, results[5], "knowledge base search");
    }
  }
}
