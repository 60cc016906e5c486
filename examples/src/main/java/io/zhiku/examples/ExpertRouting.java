package io.zhiku.examples;

import io.zhiku.core.access.Principal;
import io.zhiku.graph.KnowledgeGraph;
import io.zhiku.graph.expert.ExpertFinder;
import io.zhiku.graph.map.KnowledgeMap;
import io.zhiku.graph.map.KnowledgeMaps;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Part 7 of the demo: an expert question routed to the right person, with the evidence that put them
 * there (what they wrote, verified and answered, and how close they sit in the graph), and the knowledge
 * map of the customer (its needs, the solutions and partners around them, who is active) exported as
 * Graphviz DOT.
 */
public final class ExpertRouting {
  /** The question industry manager Li asks. */
  public static final String QUESTION = "高校要用5G专网承载一卡通和安防视频，谁做过？ Who has put a campus card on a 5G private network?";

  private ExpertRouting() {}

  /**
   * Routes the question and draws the customer's map.
   *
   * @param graph the graph of the four libraries
   * @param clock the clock evidence decays by
   * @param outDir where the map's DOT file goes
   * @param out where to print
   * @return the experts found, best first
   */
  public static List<ExpertFinder.Expert> run(KnowledgeGraph graph, Clock clock, Path outDir, PrintStream out) {
    Principal asker = Roles.LI;
    ExpertFinder finder = ExpertFinder.builder(graph).clock(clock).seekerKinds(FourLibraries.QUESTION).build();
    List<ExpertFinder.Expert> experts = finder.forQuestion(asker, QUESTION, 3);
    out.println("  " + asker.userId() + " asks: " + QUESTION);
    for (ExpertFinder.Expert e : experts) {
      out.printf(Locale.ROOT, "    %-5s score %.2f%n", e.userId(), e.score());
      for (ExpertFinder.Evidence ev : e.evidence()) {
        String what = ev.itemId() == null ? "(close in the graph to what the question is about)"
            : ev.itemId() + " \"" + ev.itemTitle() + "\"";
        out.printf(Locale.ROOT, "          %-15s %s (weight %.2f)%n", ev.kind(), what, ev.weight());
      }
    }
    KnowledgeMap map = KnowledgeMaps.builder(graph).clock(clock).language("zh").build()
        .forCustomer(Roles.WANG, FourLibraries.CUSTOMER);
    Map<String, Integer> parts = new TreeMap<>();
    map.nodes().forEach(n -> parts.merge(n.section().name().toLowerCase(Locale.ROOT) + " " + n.role(), 1, Integer::sum));
    Path dot = outDir.resolve("customer-map.dot");
    try {
      Files.writeString(dot, map.toDot());
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + dot, e);
    }
    out.println("  knowledge map of " + FourLibraries.CUSTOMER + " for wang: " + map.nodes().size() + " nodes " + parts);
    out.println("    written as Graphviz DOT: " + dot.toAbsolutePath());
    return experts;
  }
}
