package io.zhiku.benchmarks;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.json.JsonFormatException;
import io.zhiku.core.json.ZhikuJson;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.skos.Skos;
import io.zhiku.skos.SkosFormat;
import io.zhiku.skos.SkosImportException;
import io.zhiku.skos.SkosOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long the worst inputs the hardening exists for take to get their answer — a result or the
 * documented exception — so that "bounded time" is a measured figure, not a timed test. Each input is
 * one {@code @Param}; the baseline is an ordinary input of the same kind ({@code search-two-words},
 * {@code json-item}, {@code skos-small}) measured in the same run.
 *
 * <ul>
 *   <li>search on 10,000 items: {@code search-two-words}; {@code search-1000-han} (a 1,000-character
 *       Chinese question: refused over the term budget); {@code search-1000-parens}; {@code
 *       search-64-phrases} (the most clauses); {@code search-1MiB} (refused by the request's length check,
 *       before any analysis);
 *   <li>JSON: {@code json-item}; {@code json-deep} (100,000 nested arrays, refused at depth 64);
 *       {@code json-null};
 *   <li>SKOS: {@code skos-small} (a 200-concept file); {@code skos-deep-turtle} (2,000 nested blank
 *       nodes); {@code skos-deep-xml} (an XML literal 100,000 elements deep); {@code skos-looping}
 *       (an unclosed collection on which RDF4J loops without reading); {@code skos-latin1}.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(3)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HostileInputBenchmark {
  /** The input. */
  @Param({"search-two-words", "search-1000-han", "search-1000-parens", "search-64-phrases", "search-1MiB",
      "json-item", "json-deep", "json-null",
      "skos-small", "skos-deep-turtle", "skos-deep-xml", "skos-looping", "skos-latin1"})
  public String input;

  private static final String PREFIXES = "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix ex: <http://example.org/t/> .\n";
  private static final Principal READER = Principal.of("reader", List.of("g1"), List.of());

  private KnowledgeBase kb;
  private String text;
  private byte[] bytes;

  /** Builds the input, and for searches a knowledge base of 10,000 items. */
  @Setup(Level.Trial)
  public void setUp() {
    switch (input) {
      case "search-two-words" -> text = "campus network";
      case "search-1000-han" -> text = "知识管理校园网络身份认证".repeat(84).substring(0, 1000);
      case "search-1000-parens" -> text = "(".repeat(1000);
      case "search-64-phrases" -> text = "\"campus item\" ".repeat(64).strip(); // 895 characters, every item matches
      case "search-1MiB" -> text = "a ".repeat(1 << 19);
      case "json-item" -> text = ZhikuJson.write(KnowledgeItem.builder("i1", ItemKind.FAQ, "Campus network")
          .body("How to connect.").concepts("c1").tags("wifi").authors("a1").acl(Acl.groups("g1")).build());
      case "json-deep" -> text = "[".repeat(100_000) + "]".repeat(100_000);
      case "json-null" -> text = "null";
      case "skos-small" -> bytes = smallSkos().getBytes(StandardCharsets.UTF_8);
      case "skos-deep-turtle" -> bytes = (PREFIXES + "ex:c a skos:Concept ; skos:note " + "[ skos:note ".repeat(2000) + "\"x\""
          + " ]".repeat(2000) + " .").getBytes(StandardCharsets.UTF_8);
      case "skos-deep-xml" -> bytes = ("<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
          + "xmlns:skos=\"http://www.w3.org/2004/02/skos/core#\"><skos:Concept rdf:about=\"urn:zhiku:concept:c\">"
          + "<skos:note rdf:parseType=\"Literal\">" + "<a>".repeat(100_000) + "</a>".repeat(100_000)
          + "</skos:note></skos:Concept></rdf:RDF>").getBytes(StandardCharsets.UTF_8);
      case "skos-looping" -> bytes = (PREFIXES + "ex:a a skos:Concept ;\n  skos:narrower (ex:b .\nex:c a skos:Concept .\n")
          .getBytes(StandardCharsets.UTF_8);
      case "skos-latin1" -> bytes = (PREFIXES + "ex:c a skos:Concept ; skos:prefLabel \"caf\u00e9\"@fr .")
          .getBytes(StandardCharsets.ISO_8859_1);
      default -> throw new IllegalArgumentException(input);
    }
    if (input.startsWith("search")) {
      kb = KnowledgeBase.inMemory();
      List<KnowledgeItem> items = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        items.add(KnowledgeItem.builder("i" + i, ItemKind.FAQ, "campus item " + i + " 校园网络")
            .body("network access " + (i % 97) + " 知识管理 身份认证 " + (i % 13)).acl(i % 2 == 0 ? Acl.groups("g1") : Acl.PUBLIC).build());
      }
      kb.putAll(items);
      kb.refresh();
    }
  }

  /** Closes the knowledge base. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (kb != null) {
      kb.close();
    }
  }

  private static String smallSkos() {
    StringBuilder s = new StringBuilder(PREFIXES + "ex:s a skos:ConceptScheme .\n");
    for (int i = 0; i < 200; i++) {
      s.append("ex:c").append(i).append(" a skos:Concept ; skos:inScheme ex:s ; skos:prefLabel \"concept ").append(i)
          .append("\"@en, \"概念").append(i).append("\"@zh").append(i > 0 ? " ; skos:broader ex:c" + (i / 2) : "").append(" .\n");
    }
    return s.toString();
  }

  /**
   * Gives the input its answer.
   *
   * @return a number derived from the answer (hits, concepts, or -1 for the documented refusal)
   */
  @Benchmark
  public long answer() {
    try {
      if (kb != null) {
        return kb.searchUnrecorded(SearchRequest.builder(READER).text(text).build()).totalHits();
      }
      if (bytes != null) {
        SkosFormat format = input.equals("skos-deep-xml") ? SkosFormat.RDF_XML : SkosFormat.TURTLE;
        return Skos.read(new ByteArrayInputStream(bytes), format, SkosOptions.DEFAULTS).size();
      }
      return ZhikuJson.read(text, KnowledgeItem.class).tags().size();
    } catch (ValidationException | JsonFormatException | SkosImportException refused) {
      return -1;
    }
  }
}
