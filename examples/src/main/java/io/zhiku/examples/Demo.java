package io.zhiku.examples;

import com.google.common.io.MoreFiles;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.search.TextEmbedder;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.embed.BundledEmbedders;
import io.zhiku.graph.KnowledgeGraph;
import io.zhiku.push.KnowledgePush;
import io.zhiku.push.PushSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The demo the README's first command runs: a telecom operator's group-customer division puts Zhiku into
 * its sales-project system. Eight parts, each a small class of this package a developer can copy:
 * {@link TelecomTaxonomy}, {@link FourLibraries}, {@link Roles}, {@link SearchTour}, {@link
 * SalesProjectPush}, {@link CaptureTour}, {@link ExpertRouting}, {@link UsageSimulation} and {@link KpiReportTour}.
 *
 * <p>Runs on the embedded Lucene engine in a temporary directory (no server), with km-embed's Chinese model
 * ({@link BundledEmbedders#chinese()}, in-process) so that search, push and expert finding also go by
 * meaning; the knowledge base and graph are deleted at the end, the HTML report, its JSON and the customer
 * map's DOT file are kept there. {@code SolrDemo} (among the test sources, {@code -Pdemo-solr}) runs the
 * same story on an in-process SolrCloud cluster, without an embedder (that engine takes none yet).
 */
public final class Demo {
  private Demo() {}

  /**
   * Runs the demo, printing to standard output.
   *
   * @param args optionally the directory to write the report to (a new temporary one by default)
   * @throws IOException if the directory cannot be made
   */
  public static void main(String[] args) throws IOException {
    Path out = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("zhiku-demo-");
    run(new PrintStream(System.out, true, StandardCharsets.UTF_8), out, FourLibraries.findSeeds());
  }

  /**
   * Runs the story.
   *
   * @param out where to print
   * @param outDir where the data (deleted at the end) and the report files go
   * @param seeds the seed articles' directory, if any
   * @return the HTML report
   */
  public static Path run(PrintStream out, Path outDir, Optional<Path> seeds) {
    return run(out, outDir, seeds, UnaryOperator.identity(), Optional.of(BundledEmbedders.chinese()));
  }

  /**
   * Runs the story on an engine of the caller's choice: the demo on SolrCloud sets the engine and its
   * options here, and nothing else changes.
   *
   * @param out where to print
   * @param outDir where the data (deleted at the end) and the report files go
   * @param seeds the seed articles' directory, if any
   * @param engine sets the engine on the knowledge base's builder (the identity: the embedded default)
   * @param embedder the model the knowledge base ranks and finds by meaning with, if any (the SolrCloud
   *     engine takes none yet); without one, part 7 says so instead of finding an expert by meaning
   * @return the HTML report
   */
  public static Path run(PrintStream out, Path outDir, Optional<Path> seeds, UnaryOperator<KnowledgeBaseBuilder> engine,
      Optional<TextEmbedder> embedder) {
    DemoClock clock = new DemoClock(UsageSimulation.START);
    Path data = outDir.resolve("data");
    out.println("== 1. Taxonomy: industries, products, sales stages, and work categories from SKOS");
    Taxonomy taxonomy = TelecomTaxonomy.build();
    TelecomTaxonomy.show(taxonomy, out);
    Path html;
    KnowledgeBaseBuilder builder = engine.apply(KnowledgeBase.builder()).directory(data.resolve("kb")).clock(clock)
        .taxonomy(taxonomy).commitPolicy(CommitPolicy.manual()).refreshInterval(Duration.ZERO);
    embedder.ifPresent(builder::embedder);
    try (KnowledgeBase kb = builder.build();
        KnowledgeGraph graph = KnowledgeGraph.builder(kb).directory(data.resolve("graph")).build();
        KnowledgePush push = KnowledgePush.builder(kb).settings(PushSettings.builder().rules(SalesProjectPush.rules()).build()).build()) {
      out.println();
      out.println("== 2. The four libraries: customer needs, solutions, partners, experts");
      int items = FourLibraries.load(kb, graph, clock.instant());
      int docs = seeds.map(dir -> FourLibraries.loadSeeds(kb, dir)).orElse(0);
      out.println("  " + items + " built-in items" + (docs > 0 ? " and " + docs + " knowledge-management articles from "
          + seeds.orElseThrow() : " (no seed articles found: ../shared/data/seeds is optional)"));
      kb.refresh();
      FourLibraries.show(kb, graph, out);

      out.println();
      out.println("== 3. Roles: who may read what");
      out.println("  wang: customer manager (sales-east) · li: industry manager (education-team) · "
          + "zhao: product manager · chen/liu/sun: solution architects · km-office: knowledge officer");
      io.zhiku.core.access.Acl bid = kb.get("sol-edu-bid-confidential").orElseThrow().acl();
      out.println("  the confidential bid's access rule (" + bid + "): li may read " + bid.permits(Roles.LI)
          + ", wang " + bid.permits(Roles.WANG) + ", km-office " + bid.permits(Roles.KM_OFFICE));

      clock.set(UsageSimulation.END); // a year on: the searches, pushes and questions below happen today
      out.println();
      out.println("== 4. Search in Chinese and English, with facets and highlights");
      SearchTour.run(kb, out);

      out.println();
      out.println("== 5. A sales project moves through its stages; at each, the push says what helps and why");
      SalesProjectPush.run(kb, push, clock, out);
      kb.refresh();

      out.println();
      out.println("== 6. Capture: the project's case write-up, where it belongs in the taxonomy, and a duplicate caught");
      CaptureTour.run(kb, out);
      CaptureTour.warnDuplicates(kb, out);

      out.println();
      out.println("== 7. An expert question routed to the right person, with evidence");
      ExpertRouting.run(graph, clock, outDir, out);
      ExpertRouting.byMeaning(graph, clock, embedder, out);

      out.println();
      out.println("== 8. A year of work replayed (go-live " + UsageSimulation.GO_LIVE + "), then the KPI report");
      Instant resume = clock.instant();
      int events = UsageSimulation.run(kb, clock);
      clock.set(resume);
      out.println("  " + events + " events recorded for " + UsageSimulation.PEOPLE + " people over 12 months");
      html = KpiReportTour.run(kb, clock, outDir, out);
      graph.commit();
    }
    deleteTree(data);
    out.println();
    out.println("The HTML report (one file, opens offline): " + html.toAbsolutePath());
    return html;
  }

  private static void deleteTree(Path dir) {
    try {
      MoreFiles.deleteRecursively(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("deleting the demo's data in " + dir, e);
    }
  }
}
