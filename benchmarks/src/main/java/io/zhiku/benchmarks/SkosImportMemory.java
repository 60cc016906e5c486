package io.zhiku.benchmarks;

import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.skos.Skos;
import io.zhiku.skos.SkosImportException;
import io.zhiku.skos.SkosOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The heap a SKOS import needs, on files built to be the worst within the default {@link SkosOptions}
 * limits, and how fast files beyond them are refused. Each file is imported in a child JVM at rising
 * {@code -Xmx} (64, 128, 256, 512, 768 MiB, 1, 1.5, 2, 4 and 8 GiB): the smallest heap in which the import
 * gives its answer (a taxonomy, or the documented refusal) is the heap it needs.
 *
 * <p>The files (generated into a temporary directory, deleted afterwards):
 * <ul>
 *   <li>{@code unesco}: the UNESCO Thesaurus, when {@code ../shared/data} is there — a real file;
 *   <li>{@code foreign}: as many statements as the default limit allows, of another vocabulary (Dublin
 *       Core) on distinct subjects, and one concept: none of them kept by the import;
 *   <li>{@code labels}: as many statements as allowed, concepts of 1,024 alternative labels each (what a
 *       concept may hold) and a preferred label: every one kept, and held by the taxonomy;
 *   <li>{@code narrower}: as many statements as allowed, each naming a new narrower concept (a thousand per
 *       broader one): the most concepts a file within the limits can make;
 *   <li>{@code over-statements}: one statement more than the limit — refused at the limit;
 *   <li>{@code over-labels}: one concept with 100,000 labels — refused at the 1,025th.
 * </ul>
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.zhiku.benchmarks.SkosImportMemory [data dir]}.
 */
public final class SkosImportMemory {
  private static final String PREFIXES = "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
      + "@prefix dc: <http://purl.org/dc/terms/> .\n@prefix ex: <http://example.org/t/> .\n";
  private static final int[] HEAPS_MB = {64, 128, 256, 512, 768, 1024, 1536, 2048, 4096, 8192};

  private SkosImportMemory() {}

  /**
   * Generates the files and measures each.
   *
   * @param args optionally the data directory holding {@code skos/unesco-thesaurus.ttl}
   * @throws Exception if a file cannot be written or a child cannot be started
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--child")) {
      child(Path.of(args[1]));
      return;
    }
    PrintStream out = System.out;
    Path dir = Files.createTempDirectory("zhiku-skos-memory");
    try {
      List<Path> files = new ArrayList<>();
      Path data = args.length > 0 ? Path.of(args[0]) : SharedData.directory();
      Path unesco = data == null ? null : data.resolve("skos/unesco-thesaurus.ttl");
      if (unesco != null && Files.exists(unesco)) {
        files.add(unesco);
      }
      int limit = (int) SkosOptions.DEFAULTS.maxStatements();
      files.add(write(dir.resolve("foreign.ttl"), w -> foreign(w, limit - 1)));
      files.add(write(dir.resolve("labels.ttl"), w -> labels(w, limit)));
      files.add(write(dir.resolve("narrower.ttl"), w -> narrower(w, limit)));
      files.add(write(dir.resolve("over-statements.ttl"), w -> foreign(w, limit + 1)));
      files.add(write(dir.resolve("over-labels.ttl"), SkosImportMemory::overLabels));
      out.printf(Locale.ROOT, "defaults: %s%n", SkosOptions.DEFAULTS);
      out.printf(Locale.ROOT, "%-22s %10s %12s %10s  %s%n", "file", "MB", "needs -Xmx", "seconds", "answer");
      for (Path f : files) {
        measure(f, out);
      }
    } finally {
      try (var walk = Files.list(dir)) {
        for (Path p : walk.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private static void measure(Path file, PrintStream out) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    for (int heap : HEAPS_MB) {
      Process p = new ProcessBuilder(java, "-Xmx" + heap + "m", "-XX:+UseSerialGC", "-cp", cp,
          SkosImportMemory.class.getName(), "--child", file.toString()).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.MINUTES)) {
        p.destroyForcibly();
      }
      String answer = text.lines().filter(l -> l.startsWith("ANSWER ")).findFirst().orElse(null);
      if (p.exitValue() == 0 && answer != null) {
        String[] parts = answer.split(" ", 3);
        out.printf(Locale.ROOT, "%-22s %10.1f %9d MiB %10s  %s%n", file.getFileName(), Files.size(file) / 1e6, heap, parts[1], parts[2]);
        return;
      }
    }
    out.printf(Locale.ROOT, "%-22s %10.1f %12s%n", file.getFileName(), Files.size(file) / 1e6, "> 8 GiB");
  }

  /** Imports one file and prints the answer; exits non-zero on running out of memory. */
  private static void child(Path file) {
    long started = System.nanoTime();
    String answer;
    try {
      Taxonomy t = Skos.read(file);
      answer = t.size() + " concepts";
    } catch (SkosImportException e) {
      String m = e.getMessage();
      answer = "refused: " + (m.length() > 120 ? m.substring(0, 120) + "..." : m);
    } catch (OutOfMemoryError e) {
      System.exit(3);
      return;
    }
    System.out.printf(Locale.ROOT, "ANSWER %.1f %s%n", (System.nanoTime() - started) / 1e9, answer);
  }

  private interface Content {
    void write(Writer w) throws IOException;
  }

  private static Path write(Path file, Content content) throws IOException {
    try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
      w.write(PREFIXES);
      content.write(w);
    }
    return file;
  }

  private static void foreign(Writer w, int statements) throws IOException {
    w.write("ex:c a skos:Concept ; skos:prefLabel \"c\"@en .\n");
    for (int i = 2; i <= statements; i++) {
      w.write("ex:x" + i + " dc:modified \"2020\" .\n");
    }
  }

  private static void labels(Writer w, int statements) throws IOException {
    int perConcept = 1024;
    int concepts = statements / (perConcept + 2);
    for (int c = 0; c < concepts; c++) {
      w.write("ex:c" + c + " a skos:Concept ; skos:prefLabel \"concept " + c + "\"@en ; skos:altLabel ");
      for (int l = 0; l < perConcept; l++) {
        w.write((l == 0 ? "\"" : ", \"") + "l" + c + "-" + l + "\"");
      }
      w.write(" .\n");
    }
  }

  private static void narrower(Writer w, int statements) throws IOException {
    for (int c = 0; c < statements / 1000; c++) {
      w.write("ex:b" + c + " skos:narrower ");
      for (int n = 0; n < 1000; n++) {
        w.write((n == 0 ? "" : ", ") + "ex:n" + c + "-" + n);
      }
      w.write(" .\n");
    }
  }

  private static void overLabels(Writer w) throws IOException {
    w.write("ex:c a skos:Concept ; skos:altLabel ");
    for (int l = 0; l < 100_000; l++) {
      w.write((l == 0 ? "\"" : ", \"") + "label " + l + "\"");
    }
    w.write(" .\n");
  }
}
