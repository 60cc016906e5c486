package io.zhiku.examples;

import io.zhiku.core.access.Principal;
import io.zhiku.core.classify.DuplicateFinder;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SimilarItem;
import io.zhiku.core.search.TextEmbedder;
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
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Part 7 of the demo: an expert question routed to the right person, with the evidence that put them
 * there (what they wrote, verified and answered, and how close they sit in the graph), and the knowledge
 * map of the customer (its needs, the solutions and partners around them, who is active) exported as
 * Graphviz DOT.
 */
public final class ExpertRouting {
  /** The question industry manager Li asks. */
  public static final String QUESTION = "高校要用5G专网承载一卡通和安防视频，谁做过？ Who has put a campus card on a 5G private network?";

  /**
   * A question in other words: a ward's infusion pumps and wheelchairs keep going missing. It shares no word
   * with the hospital asset-tracking solution, whose author is the one to ask.
   */
  public static final String OTHER_WORDS = "病床旁输液泵轮椅总丢，谁懂？";

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
    print(experts, ev -> "", out);
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

  /**
   * Asks a question that shares no word with anything in the knowledge base, and prints the knowledge
   * nearest it by meaning and the people the expert finder ranks, with how many of its words the question
   * shares beside each piece of evidence: liu, who wrote the hospital asset-location solution, is found by
   * meaning alone, through the knowledge base's embedder (the neighbours by meaning of {@code
   * similarToText}, which the expert finder reads). The others are there on closeness in the graph and on
   * weaker neighbours. Without an embedder it says so and finds no one.
   *
   * @param graph the graph of the four libraries
   * @param clock the clock evidence decays by
   * @param embedder the knowledge base's embedder, if it has one
   * @param out where to print
   * @return the experts found, best first; empty without an embedder
   */
  public static List<ExpertFinder.Expert> byMeaning(KnowledgeGraph graph, Clock clock, Optional<TextEmbedder> embedder,
      PrintStream out) {
    Principal asker = Roles.ZHAO;
    out.println("  " + asker.userId() + " asks, in other words than anyone wrote: " + OTHER_WORDS);
    if (embedder.isEmpty()) {
      out.println("    (skipped: this knowledge base has no embedder, and the question shares no word with the answer)");
      return List.of();
    }
    KnowledgeBase kb = graph.knowledgeBase();
    DuplicateFinder words = DuplicateFinder.builder(kb).build();
    ExpertFinder finder = ExpertFinder.builder(graph).clock(clock).seekerKinds(FourLibraries.QUESTION).build();
    Function<KnowledgeItem, String> shared = item -> String.format(Locale.ROOT, "%.0f%% of words shared",
        100 * words.compare(OTHER_WORDS, item.title() + " " + item.body()).words());
    out.println("    the knowledge nearest by meaning:");
    for (SimilarItem h : kb.similarToText(asker, OTHER_WORDS, 3)) {
      out.printf(Locale.ROOT, "      %-20s %s (%s)%n", h.item().id(), h.item().title(), shared.apply(h.item()));
    }
    out.println("    and the people behind it:");
    List<ExpertFinder.Expert> experts = finder.forQuestion(asker, OTHER_WORDS, 3);
    print(experts, ev -> kb.get(ev.itemId()).map(item -> ", " + shared.apply(item)).orElse(""), out);
    return experts;
  }

  private static void print(List<ExpertFinder.Expert> experts, Function<ExpertFinder.Evidence, String> note,
      PrintStream out) {
    for (ExpertFinder.Expert e : experts) {
      out.printf(Locale.ROOT, "    %-5s score %.2f%n", e.userId(), e.score());
      for (ExpertFinder.Evidence ev : e.evidence()) {
        String what = ev.itemId() == null ? "(close in the graph to what the question is about)"
            : ev.itemId() + " \"" + ev.itemTitle() + "\"";
        String extra = ev.itemId() == null ? "" : note.apply(ev);
        out.printf(Locale.ROOT, "          %-15s %s (weight %.2f%s)%n", ev.kind(), what, ev.weight(), extra);
      }
    }
  }
}
