package io.zhiku.benchmarks.eval;

import io.zhiku.benchmarks.eval.StackExchangeDump.Post;
import io.zhiku.core.classify.ConceptSuggester;
import io.zhiku.core.classify.ConceptSuggestion;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.testkit.TestClock;
import java.io.PrintStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Concept suggestion on real data, as tag prediction: each Stack Exchange dev site replayed in time order
 * (questions and answers as items, tags as concepts whose preferred label is the tag). For each question
 * with tags in the last 20% of the timeline, before it is added, each system names three tags from its
 * title and body, using only earlier posts: precision@1 (the first is one of its tags) and recall@3 (the
 * share of its tags among the three).
 *
 * <p>Systems, in the same run: Zhiku {@link ConceptSuggester#suggest} with its defaults (nothing tuned);
 * the most frequent tags so far; the tags whose names occur in the text (lower case, a hyphen as a space,
 * whole words; most occurrences first, then the more frequent tag, then by name).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.zhiku.benchmarks.eval.ConceptSuggestionEvaluation [data dir]}.
 */
public final class ConceptSuggestionEvaluation {
  static final double TEST_FROM = 0.8;
  static final String ZHIKU = "Zhiku ConceptSuggester (defaults)";
  static final String FREQUENT = "most frequent tags so far";
  static final String LABELS = "tag names found in the text";

  private ConceptSuggestionEvaluation() {}

  /** Precision@1 and recall@3 summed over questions. */
  static final class Score {
    int n;
    int firstRight;
    double recall;

    void add(List<String> ranked, List<String> tags) {
      n++;
      firstRight += !ranked.isEmpty() && tags.contains(ranked.get(0)) ? 1 : 0;
      recall += (double) ranked.stream().limit(3).filter(tags::contains).count() / tags.size();
    }

    String cells() {
      return String.format(Locale.ROOT, "%4d | %.3f | %.3f", n, (double) firstRight / n, recall / n);
    }
  }

  /**
   * Runs the evaluation on each dev site and prints a table per site.
   *
   * @param args optionally the data directory
   * @throws Exception if a file cannot be read or parsed
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    StackExchangeDump.forEachSite(args, "concept suggestion evaluation", dump -> {
      String site = dump.site();
      out.printf(Locale.ROOT, "%n%s%n%n", site);
      out.println("| system                            |    n |   P@1 |   R@3 |");
      out.println("|-----------------------------------|------|-------|-------|");
      run(dump).forEach((system, s) -> out.printf(Locale.ROOT, "| %-33s | %s |%n", system, s.cells()));
    });
  }

  /** Replays a dump and scores every system on the tagged questions of the last 20%. */
  static Map<String, Score> run(StackExchangeDump dump) {
    Map<String, Score> scores = new LinkedHashMap<>();
    for (String s : List.of(ZHIKU, FREQUENT, LABELS)) {
      scores.put(s, new Score());
    }
    List<Post> questions = dump.posts().stream().filter(p -> p.question() && !p.tags().isEmpty()).toList();
    Instant start = questions.get((int) (questions.size() * TEST_FROM)).created();
    Map<String, Post> byId = dump.byId();
    Map<String, Integer> frequency = new HashMap<>();
    Map<String, String> tagOfConcept = new HashMap<>();
    dump.posts().forEach(p -> p.tags().forEach(t -> tagOfConcept.put(StackExchangeDump.tagId(t), t)));
    TestClock clock = new TestClock(Instant.EPOCH);
    try (KnowledgeBase kb = dump.knowledgeBase(clock)) {
      ConceptSuggester suggester = ConceptSuggester.builder(kb).build();
      for (Post p : dump.posts()) {
        clock.set(p.created());
        if (p.question() && !p.tags().isEmpty() && !p.created().isBefore(start) && !frequency.isEmpty()) {
          kb.refresh();
          String text = p.title() + "\n" + p.body();
          scores.get(ZHIKU).add(suggester.suggest(StackExchangeDump.person(p), text, 3).stream()
              .map(ConceptSuggestion::conceptId).map(tagOfConcept::get).toList(), p.tags());
          scores.get(FREQUENT).add(EvalRanking.top(frequency, 3), p.tags());
          scores.get(LABELS).add(namesFound(text, frequency), p.tags());
        }
        StackExchangeDump.add(kb, p, byId);
        if (p.question()) {
          p.tags().forEach(t -> frequency.merge(t, 1, Integer::sum));
        }
      }
    }
    return scores;
  }

  /** Tags whose names occur in the text as whole words, most occurrences first, then the more frequent. */
  static List<String> namesFound(String text, Map<String, Integer> frequency) {
    String lower = text.toLowerCase(Locale.ROOT);
    double total = frequency.values().stream().mapToInt(Integer::intValue).sum();
    Map<String, Double> found = new HashMap<>();
    for (Map.Entry<String, Integer> tag : frequency.entrySet()) {
      Matcher m = Pattern.compile("\\b" + Pattern.quote(tag.getKey().replace('-', ' ')) + "\\b").matcher(lower);
      int n = 0;
      while (m.find()) {
        n++;
      }
      if (n > 0) {
        found.put(tag.getKey(), n + tag.getValue() / (total + 1)); // the fraction only breaks ties of n
      }
    }
    return EvalRanking.top(found, 3);
  }
}
