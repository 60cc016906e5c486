package io.zhiku.core.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zhiku.core.ValidationException;
import io.zhiku.core.classify.DuplicateFinder.Example;
import io.zhiku.core.classify.DuplicateFinder.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Fitting the duplicate model's weights: seeded pairs drawn from a known model give it back. */
class DuplicateWeightsTest {
  private static List<Example> drawn(Weights truth, boolean meaning, long seed, int n) {
    Random r = new Random(seed);
    List<Example> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double words = r.nextDouble();
      double cos = meaning ? 2 * r.nextDouble() - 1 : Double.NaN;
      boolean duplicate = r.nextDouble() < truth.probability(words, cos);
      out.add(new Example(new DuplicateScore(0, words, cos), duplicate));
    }
    return out;
  }

  @Test
  void fit_recoversTheWeightsOfTheModelThePairsWereDrawnFrom() {
    for (long seed = 1; seed <= 5; seed++) {
      Weights truth = new Weights(-3, 5, 4);
      Weights fitted = Weights.fit(drawn(truth, true, seed, 40_000));
      assertEquals(truth.intercept(), fitted.intercept(), 0.25, "seed " + seed + ": " + fitted);
      assertEquals(truth.words(), fitted.words(), 0.35, "seed " + seed + ": " + fitted);
      assertEquals(truth.meaning(), fitted.meaning(), 0.3, "seed " + seed + ": " + fitted);
      Weights wordsOnly = Weights.fit(drawn(new Weights(-2, 4, 0), false, seed, 40_000));
      assertEquals(-2, wordsOnly.intercept(), 0.2, "seed " + seed + ": " + wordsOnly);
      assertEquals(4, wordsOnly.words(), 0.35, "seed " + seed + ": " + wordsOnly);
      assertEquals(0, wordsOnly.meaning());
    }
  }

  @Test
  void fit_neverGivesASimilarityANegativeWeight_butTheBestModelWithoutIt() {
    // Pairs whose chance falls as they share more words: the words get no weight, the meaning keeps its.
    Weights fitted = Weights.fit(drawn(new Weights(-3, -2, 6), true, 7, 40_000));
    assertEquals(0, fitted.words(), fitted.toString());
    assertEquals(true, fitted.meaning() > 4, fitted.toString());
    Weights alone = Weights.fit(drawn(new Weights(1, -3, 0), false, 7, 40_000));
    assertEquals(0, alone.words(), alone.toString());
    assertEquals(true, alone.intercept() < 0, "the base rate alone: " + alone);
  }

  @Test
  void fit_onSeparablePairs_givesFiniteWeightsThatSeparateThem() {
    List<Example> separable = List.of(
        new Example(new DuplicateScore(0, 0.9, Double.NaN), true),
        new Example(new DuplicateScore(0, 0.8, Double.NaN), true),
        new Example(new DuplicateScore(0, 0.2, Double.NaN), false),
        new Example(new DuplicateScore(0, 0.1, Double.NaN), false));
    Weights w = Weights.fit(separable);
    for (Example e : separable) {
      assertEquals(e.duplicate(), w.probability(e.score().words(), Double.NaN) >= DuplicateFinder.LIKELY, w.toString());
    }
  }

  @Test
  void probability_isTheLogisticOfTheWeightedSimilarities_andLeavesMeaningOutWithoutOne() {
    Weights w = new Weights(-1, 2, 3);
    assertEquals(1 / (1 + Math.exp(-(-1 + 2 * 0.5 + 3 * 0.2))), w.probability(0.5, 0.2), 1e-12);
    assertEquals(0.5, w.probability(0.5, Double.NaN), 1e-12);
  }

  @Test
  void badInput_isRefusedWithTheField() {
    assertEquals("examples", assertThrows(ValidationException.class, () -> Weights.fit(List.of())).field());
    DuplicateScore words = new DuplicateScore(0, 0.5, Double.NaN);
    assertEquals("examples", assertThrows(ValidationException.class,
        () -> Weights.fit(List.of(new Example(words, true), new Example(words, true)))).field());
    assertEquals("examples", assertThrows(ValidationException.class, () -> Weights.fit(List.of(
        new Example(words, true), new Example(new DuplicateScore(0, 0.5, 0.3), false)))).field());
    assertEquals("words", assertThrows(ValidationException.class, () -> new Weights(0, Double.NaN, 0)).field());
  }
}
