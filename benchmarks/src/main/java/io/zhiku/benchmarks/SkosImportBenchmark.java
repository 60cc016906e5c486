package io.zhiku.benchmarks;

import io.zhiku.skos.Skos;
import io.zhiku.skos.SkosFormat;
import io.zhiku.skos.SkosOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.rio.helpers.StatementCollector;
import org.eclipse.rdf4j.rio.turtle.TurtleParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SKOS Turtle import: Zhiku's full import (parse, map to concepts, cycle checks, label index) against
 * its floor, RDF4J Rio parsing the same bytes into a plain RDF model.
 *
 * <p>Input: {@code unesco} reads the UNESCO Thesaurus from the shared data ({@link SharedData}); {@code synthetic} generates a 5,000-concept
 * polyhierarchy in memory, so the benchmark also runs without the shared data.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(3)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class SkosImportBenchmark {
  /** The input taxonomy. */
  @Param({"unesco", "synthetic"})
  public String source;

  private byte[] turtle;

  /** Loads or generates the input once per trial. */
  @Setup
  public void load() throws IOException {
    turtle = source.equals("unesco") ? Files.readAllBytes(unesco()) : synthetic(5_000).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Zhiku: the full import into a taxonomy snapshot.
   *
   * @return the taxonomy's size
   */
  @Benchmark
  public int zhikuImport() {
    return Skos.read(new ByteArrayInputStream(turtle), SkosFormat.TURTLE, SkosOptions.DEFAULTS).size();
  }

  /**
   * Baseline: Rio parsing into a model, nothing more.
   *
   * @return the number of statements
   */
  @Benchmark
  public int rioParseOnly() {
    Model model = new LinkedHashModel();
    TurtleParser parser = new TurtleParser();
    parser.setRDFHandler(new StatementCollector(model));
    try {
      parser.parse(new ByteArrayInputStream(turtle), "urn:bench:");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return model.size();
  }

  static Path unesco() {
    Path dir = SharedData.directory();
    Path file = dir == null ? null : dir.resolve("skos/unesco-thesaurus.ttl");
    if (file == null || !Files.isRegularFile(file)) {
      throw new IllegalStateException("skos/unesco-thesaurus.ttl not found in " + dir
          + "; pass -Dzhiku.data.dir or use -p source=synthetic");
    }
    return file;
  }

  /** A polyhierarchy of n concepts: each below one or two earlier ones, with labels in zh and en. */
  static String synthetic(int n) {
    StringBuilder sb = new StringBuilder(n * 200);
    sb.append("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix c: <http://example.org/c/> .\n");
    sb.append("<http://example.org/s> a skos:ConceptScheme ; skos:prefLabel \"Synthetic\"@en .\n");
    for (int i = 0; i < n; i++) {
      sb.append("c:k").append(i).append(" a skos:Concept ; skos:inScheme <http://example.org/s> ;")
          .append(" skos:prefLabel \"Concept ").append(i).append("\"@en , \"概念").append(i).append("\"@zh ;")
          .append(" skos:altLabel \"K").append(i).append("\"@en");
      if (i > 0) {
        sb.append(" ; skos:broader c:k").append((i - 1) / 4);
        if (i > 10 && i % 3 == 0) {
          sb.append(" , c:k").append(i / 7);
        }
      }
      sb.append(" .\n");
    }
    return sb.toString();
  }
}
