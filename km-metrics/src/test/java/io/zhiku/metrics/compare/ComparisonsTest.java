package io.zhiku.metrics.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.testkit.Seeded;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

@Seeded
class ComparisonsTest {
  /** The before/after table of the product's source article, each KPI with its direction. */
  @Test
  void theSourceArticlesTable_changesAndVerdicts() {
    assertFigures(180, 120, KpiDirection.LOWER_IS_BETTER, -1.0 / 3, Verdict.IMPROVED); // project cycle, days: -33%
    assertFigures(50, 80, KpiDirection.HIGHER_IS_BETTER, 0.60, Verdict.IMPROVED); // innovation proposals: +60%
    assertFigures(0.20, 0.50, KpiDirection.HIGHER_IS_BETTER, 1.50, Verdict.IMPROVED); // knowledge reuse: +150%
    assertFigures(0.25, 0.15, KpiDirection.LOWER_IS_BETTER, -0.40, Verdict.IMPROVED); // project failure rate: -40%
    assertFigures(70, 85, KpiDirection.HIGHER_IS_BETTER, 15.0 / 70, Verdict.IMPROVED); // satisfaction: +21%
    // The same moves the other way are worse.
    assertFigures(120, 180, KpiDirection.LOWER_IS_BETTER, 0.5, Verdict.WORSENED);
    assertFigures(85, 70, KpiDirection.HIGHER_IS_BETTER, -15.0 / 85, Verdict.WORSENED);
  }

  private static void assertFigures(double before, double after, KpiDirection direction, double relative, Verdict verdict) {
    Comparison c = Comparisons.ofFigures(before, after, direction);
    assertEquals(after - before, c.absoluteChange(), 1e-12);
    assertEquals(relative, c.relativeChange().orElseThrow(), 1e-12);
    assertEquals(verdict, c.verdict());
    assertTrue(c.interval().isEmpty());
  }

  @Test
  void figures_fromAZeroBaseline_haveNoRelativeChange() {
    Comparison c = Comparisons.ofFigures(0, 5, KpiDirection.HIGHER_IS_BETTER);
    assertTrue(c.relativeChange().isEmpty());
    assertEquals(Verdict.IMPROVED, c.verdict());
    assertEquals(Verdict.NO_CLEAR_CHANGE, Comparisons.ofFigures(3, 3, KpiDirection.HIGHER_IS_BETTER).verdict());
  }

  /** Newcombe (1998), example (a): 56/70 against 48/80, method 10: 0.0524 to 0.3339. */
  @Test
  void rates_newcombesPublishedInterval() {
    Comparison c = Comparisons.ofRates(48, 80, 56, 70, KpiDirection.HIGHER_IS_BETTER);
    assertEquals(0.2, c.absoluteChange(), 1e-12);
    Interval i = c.interval().orElseThrow();
    assertEquals(0.0524, i.low(), 5e-5);
    assertEquals(0.3339, i.high(), 5e-5);
    assertEquals(Verdict.IMPROVED, c.verdict());
    // As a failure rate, the same rise is a worsening.
    assertEquals(Verdict.WORSENED, Comparisons.ofRates(48, 80, 56, 70, KpiDirection.LOWER_IS_BETTER).verdict());
    // 2 of 20 against 3 of 20: the interval contains no change.
    assertEquals(Verdict.NO_CLEAR_CHANGE, Comparisons.ofRates(2, 20, 3, 20, KpiDirection.HIGHER_IS_BETTER).verdict());
  }

  @Test
  void fewObservations_sayNotEnoughData() {
    Comparison rates = Comparisons.ofRates(1, 4, 3, 4, KpiDirection.HIGHER_IS_BETTER);
    assertEquals(Verdict.NOT_ENOUGH_DATA, rates.verdict());
    assertTrue(rates.note().contains("4 trials in the baseline"), rates.note());
    assertEquals(0.5, rates.absoluteChange(), 1e-12);
    Comparison means = Comparisons.ofMeans(new double[] {1, 2, 3}, new double[] {4, 5, 6, 7, 8, 9, 10, 11, 12, 13},
        KpiDirection.LOWER_IS_BETTER);
    assertEquals(Verdict.NOT_ENOUGH_DATA, means.verdict());
    assertTrue(means.interval().isEmpty());
  }

  @RepeatedTest(10)
  void means_aClearShiftIsSeen_andNoShiftIsNot(Random random) {
    // Resolution times: 100 ± 10 hours before, 80 ± 10 after (two standard deviations of a shift, 50 cases).
    double[] before = normal(random, 50, 100, 10);
    double[] after = normal(random, 50, 80, 10);
    Comparison c = Comparisons.ofMeans(before, after, KpiDirection.LOWER_IS_BETTER);
    assertEquals(Verdict.IMPROVED, c.verdict(), c.toString());
    Interval i = c.interval().orElseThrow();
    assertTrue(i.low() < c.absoluteChange() && c.absoluteChange() < i.high(), c.toString());
    assertTrue(i.high() < 0);
    // The same observations in another order: the means are equal, the interval straddles zero.
    Comparison same = Comparisons.ofMeans(before, reversed(before), KpiDirection.LOWER_IS_BETTER);
    assertEquals(Verdict.NO_CLEAR_CHANGE, same.verdict(), same.toString());
    // Reproducible: the same data give the same interval.
    assertEquals(c, Comparisons.ofMeans(before, after, KpiDirection.LOWER_IS_BETTER));
  }

  @Test
  void badInputs_areRefusedNamingTheField() {
    assertEquals("baseline", assertThrows(ValidationException.class,
        () -> Comparisons.ofMeans(new double[0], new double[] {1}, KpiDirection.HIGHER_IS_BETTER)).field());
    assertEquals("current[1]", assertThrows(ValidationException.class,
        () -> Comparisons.ofMeans(new double[] {1}, new double[] {1, Double.NaN}, KpiDirection.HIGHER_IS_BETTER)).field());
    assertEquals("baselineTrials", assertThrows(ValidationException.class,
        () -> Comparisons.ofRates(0, 0, 1, 10, KpiDirection.HIGHER_IS_BETTER)).field());
    assertEquals("currentHits", assertThrows(ValidationException.class,
        () -> Comparisons.ofRates(1, 10, 11, 10, KpiDirection.HIGHER_IS_BETTER)).field());
    assertEquals("direction", assertThrows(ValidationException.class,
        () -> Comparisons.ofFigures(1, 2, null)).field());
    assertEquals("current", assertThrows(ValidationException.class,
        () -> Comparisons.ofFigures(1, Double.POSITIVE_INFINITY, KpiDirection.HIGHER_IS_BETTER)).field());
  }

  private static double[] normal(Random random, int n, double mean, double sd) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = mean + sd * random.nextGaussian();
    }
    return out;
  }

  private static double[] reversed(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[values.length - 1 - i];
    }
    return out;
  }
}
