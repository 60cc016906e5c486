package io.zhiku.benchmarks.eval;

import java.util.List;
import java.util.Map;

/** Rankings the evaluations' baselines share. */
final class EvalRanking {
  private EvalRanking() {}

  /** The keys with a positive score, highest first, ties by key, at most {@code n}. */
  static List<String> top(Map<String, ? extends Number> scores, int n) {
    return scores.entrySet().stream().filter(e -> e.getValue().doubleValue() > 0)
        .sorted((a, b) -> {
          int c = Double.compare(b.getValue().doubleValue(), a.getValue().doubleValue());
          return c != 0 ? c : a.getKey().compareTo(b.getKey());
        })
        .limit(n).map(Map.Entry::getKey).toList();
  }
}
