package io.zhiku.benchmarks.eval;

import io.zhiku.benchmarks.SharedData;
import io.zhiku.benchmarks.eval.ExpertReplay.Question;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.graph.KnowledgeGraph;
import io.zhiku.graph.expert.ExpertFinder;
import io.zhiku.graph.expert.ExpertFinder.EvidenceKind;
import io.zhiku.testkit.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@link ExpertFinder}'s defaults were chosen: on the tuning window of both dev sites (questions from
 * 30% to 70% of each timeline; the reported test window, the last 30%, is never seen), for each relevance
 * exponent and half-life of a small grid, each question is answered once per evidence kind with only that
 * kind weighed. A
 * person's score is linear in the weights, so any weighting's ranking follows exactly from these parts.
 * Coordinate ascent then sets one weight at a time to the best value of a grid, until no change helps
 * ({@code authored} stays 1, the unit the others are measured in; a kind with no evidence in the data
 * keeps its default),
 * maximising the geometric mean over the sites of MRR (each site counts the same, however many questions
 * it has); ties keep the earlier value, starting from the defaults. The half-life and weights with the best
 * objective are printed, beside the defaults' objective (the defaults' exponent and half-life with their
 * weights); a default is changed only if the objective gains
 * at least {@value #MIN_GAIN} (5%): on about a hundred tuning questions a smaller gain is one question's
 * rank moving, noise rather than a better model. Each kind's part is read from at most {@link
 * ExpertFinder#MAX_LIMIT} people per question, so a person outside a kind's top 100 counts 0 for it.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.zhiku.benchmarks.eval.ExpertTuning [data dir]}.
 */
public final class ExpertTuning {
  /**
   * Half-lives tried. None shorter than 180 days, decided before tuning: evidence a year old must still
   * count at least a quarter, since the expert who solved it last year is who the product promises to find.
   */
  static final List<Duration> HALF_LIVES = List.of(Duration.ofDays(180), Duration.ofDays(365), Duration.ofDays(730));
  static final double[] GRID = {0, 0.25, 0.5, 1, 2, 4, 8};
  /** Relevance exponents tried ({@link ExpertFinder.Builder#relevanceExponent}): linear, squared, fourth power. */
  static final double[] EXPONENTS = {1, 2, 4};
  /** The least relative gain of the objective that changes a default. */
  static final double MIN_GAIN = 0.05;
  private static final EvidenceKind[] KINDS = EvidenceKind.values();

  private ExpertTuning() {}

  /** One question's people and their score per evidence kind. */
  record Parts(String target, Map<String, double[]> byPerson) {}

  /**
   * Runs the tuning and prints what it chose.
   *
   * @param args optionally the data directory
   * @throws Exception if a file cannot be read
   */
  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : SharedData.directory();
    List<StackExchangeDump> dumps = new ArrayList<>();
    for (String site : StackExchangeDump.SITES) {
      StackExchangeDump d = StackExchangeDump.read(dir, site);
      if (d == null) {
        throw new IllegalStateException("missing " + site + " under " + dir);
      }
      dumps.add(d);
    }
    double bestObjective = -1;
    double defaultObjective = -1;
    String best = null;
    ExpertFinder defaults = defaults(dumps.get(0));
    for (double exponent : EXPONENTS) {
      for (Duration halfLife : HALF_LIVES) {
        List<List<Parts>> sites = new ArrayList<>();
        for (StackExchangeDump d : dumps) {
          sites.add(parts(d, exponent, halfLife));
        }
        double[] w = new double[KINDS.length];
        for (EvidenceKind k : KINDS) {
          w[k.ordinal()] = defaults.weight(k);
        }
        double objective = objective(sites, w);
        if (halfLife.equals(defaults.halfLife()) && exponent == defaults.relevanceExponent()) {
          defaultObjective = objective;
        }
        System.out.printf(Locale.ROOT, "exponent %.0f, half-life %4d days, default weights: objective %.4f, MRR %.4f %.4f%n",
            exponent, halfLife.toDays(), objective, mrr(sites.get(0), w), mrr(sites.get(1), w));
        for (boolean changed = true; changed; ) {
          changed = false;
          for (int k = 0; k < w.length; k++) {
            if (k == EvidenceKind.AUTHORED.ordinal() || !seen(sites, k)) {
              continue;
            }
            double keep = w[k];
            for (double g : GRID) {
              w[k] = g;
              double o = objective(sites, w);
              if (o > objective + 1e-12) {
                objective = o;
                keep = g;
                changed = true;
              }
            }
            w[k] = keep;
          }
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "exponent %.0f, half-life %4d days: objective %.4f, MRR",
            exponent, halfLife.toDays(), objective));
        for (List<Parts> s : sites) {
          line.append(String.format(Locale.ROOT, " %.4f", mrr(s, w)));
        }
        line.append(", weights");
        for (EvidenceKind k : KINDS) {
          line.append(' ').append(k).append('=').append(w[k.ordinal()]);
        }
        System.out.println(line);
        if (objective > bestObjective) {
          bestObjective = objective;
          best = line.toString();
        }
      }
    }
    System.out.println("best: " + best);
    System.out.printf(Locale.ROOT, "defaults: objective %.4f; the best gains %.1f%%, so %s%n", defaultObjective,
        100 * (bestObjective / defaultObjective - 1),
        bestObjective >= defaultObjective * (1 + MIN_GAIN) ? "change the defaults to it" : "keep the defaults (under 5%: noise)");
  }

  /** A finder with the defaults (its graph closed: only its settings are read). */
  private static ExpertFinder defaults(StackExchangeDump any) throws IOException {
    try (KnowledgeBase kb = KnowledgeBase.builder().taxonomy(any.taxonomy()).build();
        KnowledgeGraph graph = KnowledgeGraph.builder(kb).build()) {
      return ExpertFinder.builder(graph).build();
    }
  }

  /** Each question of the tuning window, answered once per evidence kind. */
  static List<Parts> parts(StackExchangeDump dump, double exponent, Duration halfLife) throws IOException {
    List<Parts> out = new ArrayList<>();
    ExpertReplay.run(dump, ExpertReplay.TUNE_FROM, ExpertReplay.TEST_FROM, new ExpertReplay.Visitor() {
      @Override
      public void question(Question q, KnowledgeBase kb, KnowledgeGraph graph, TestClock clock) {
        Map<String, double[]> byPerson = new HashMap<>();
        for (EvidenceKind only : KINDS) {
          ExpertFinder.Builder b = ExpertFinder.builder(graph).clock(clock).halfLife(halfLife).relevanceExponent(exponent);
          for (EvidenceKind k : KINDS) {
            b.weight(k, k == only ? 1 : 0);
          }
          for (ExpertFinder.Expert e : b.build().forContext(q.context(), ExpertFinder.MAX_LIMIT)) {
            byPerson.computeIfAbsent(e.userId(), u -> new double[KINDS.length])[only.ordinal()] = e.score();
          }
        }
        out.add(new Parts(q.target(), byPerson));
      }
    });
    return out;
  }

  /** Whether any person of any question has evidence of the kind. */
  private static boolean seen(List<List<Parts>> sites, int kind) {
    return sites.stream().flatMap(List::stream).flatMap(p -> p.byPerson().values().stream()).anyMatch(v -> v[kind] > 0);
  }

  private static double objective(List<List<Parts>> sites, double[] w) {
    double logSum = 0;
    for (List<Parts> s : sites) {
      logSum += Math.log(Math.max(1e-9, mrr(s, w)));
    }
    return Math.exp(logSum / sites.size());
  }

  /** MRR of the weighting: the target's rank among people with a positive score, ties by user id. */
  static double mrr(List<Parts> questions, double[] w) {
    double sum = 0;
    for (Parts p : questions) {
      double[] t = p.byPerson().get(p.target());
      double target = t == null ? 0 : dot(t, w);
      if (target <= 0) {
        continue;
      }
      int rank = 1;
      for (Map.Entry<String, double[]> e : p.byPerson().entrySet()) {
        double s = dot(e.getValue(), w);
        if (s > target || (s == target && e.getKey().compareTo(p.target()) < 0)) {
          rank++;
        }
      }
      sum += rank <= ExpertEvaluation.DEPTH ? 1.0 / rank : 0;
    }
    return sum / questions.size();
  }

  private static double dot(double[] a, double[] w) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * w[i];
    }
    return s;
  }
}
