package io.zhiku.metrics.compare;

import io.zhiku.core.ValidationException;
import io.zhiku.metrics.internal.Texts;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Builds {@link Comparison}s of a baseline period against a current one. Stateless and thread-safe;
 * results are reproducible (the bootstrap's random numbers are seeded from the data).
 */
public final class Comparisons {
  /** Fewer observations than this in either period give {@link Verdict#NOT_ENOUGH_DATA}. */
  public static final int MIN_OBSERVATIONS = 10;
  /** Resamples of the bootstrap. */
  public static final int RESAMPLES = 10_000;
  /** The confidence level of intervals. */
  public static final double LEVEL = 0.95;
  /** The most observations per period {@link #ofMeans} takes (aggregate larger sets first). */
  public static final int MAX_OBSERVATIONS = 1_000_000;
  private static final double Z = 1.959963984540054; // the 97.5th percentile of the standard normal

  private Comparisons() {}

  /**
   * Two figures, e.g. from a report of each period: the change and its verdict, with no interval.
   *
   * @param baseline the figure of the baseline period
   * @param current the figure of the current period
   * @param direction which way is better
   * @return the comparison
   * @throws ValidationException if a figure is not finite or the direction is missing
   */
  public static Comparison ofFigures(double baseline, double current, KpiDirection direction) {
    return ofFigures(baseline, current, direction, Locale.ENGLISH);
  }

  /**
   * {@link #ofFigures(double, double, KpiDirection)} with its note in a reader's language.
   *
   * @param baseline the figure of the baseline period
   * @param current the figure of the current period
   * @param direction which way is better
   * @param locale the language of the note: simplified Chinese for any {@code zh} locale, else English
   * @return the comparison
   * @throws ValidationException if a figure is not finite or the direction is missing
   */
  public static Comparison ofFigures(double baseline, double current, KpiDirection direction, Locale locale) {
    finite("baseline", baseline);
    finite("current", current);
    present(direction);
    double change = current - baseline;
    Verdict verdict = change == 0 ? Verdict.NO_CLEAR_CHANGE : better(change, direction) ? Verdict.IMPROVED : Verdict.WORSENED;
    return new Comparison(baseline, current, direction, change, relative(baseline, current), verdict, Optional.empty(),
        Texts.of(locale).get("compare.figures"));
  }

  /**
   * The means of observations of two periods (resolution times, cycle times, ratings), with a
   * percentile bootstrap interval for the difference of means ({@value #RESAMPLES} resamples).
   *
   * @param baseline the baseline period's observations, 1 to {@value #MAX_OBSERVATIONS}, finite
   * @param current the current period's observations, 1 to {@value #MAX_OBSERVATIONS}, finite
   * @param direction which way is better
   * @return the comparison; {@link Verdict#NOT_ENOUGH_DATA} if either period has fewer than {@value
   *     #MIN_OBSERVATIONS}
   * @throws ValidationException if a period is empty or too large, an observation is not finite, or the
   *     direction is missing
   */
  public static Comparison ofMeans(double[] baseline, double[] current, KpiDirection direction) {
    return ofMeans(baseline, current, direction, Locale.ENGLISH);
  }

  /**
   * {@link #ofMeans(double[], double[], KpiDirection)} with its note and interval method in a reader's language.
   *
   * @param baseline the baseline period's observations, 1 to {@value #MAX_OBSERVATIONS}, finite
   * @param current the current period's observations, 1 to {@value #MAX_OBSERVATIONS}, finite
   * @param direction which way is better
   * @param locale the language of the texts: simplified Chinese for any {@code zh} locale, else English
   * @return the comparison
   * @throws ValidationException as {@link #ofMeans(double[], double[], KpiDirection)}
   */
  public static Comparison ofMeans(double[] baseline, double[] current, KpiDirection direction, Locale locale) {
    Texts texts = Texts.of(locale);
    observations("baseline", baseline);
    observations("current", current);
    present(direction);
    double before = mean(baseline);
    double after = mean(current);
    if (baseline.length < MIN_OBSERVATIONS || current.length < MIN_OBSERVATIONS) {
      return notEnough(before, after, direction, baseline.length, current.length, texts, "compare.not-enough.observations");
    }
    SplittableRandom random = new SplittableRandom(31L * Arrays.hashCode(baseline) + Arrays.hashCode(current));
    double[] differences = new double[RESAMPLES];
    for (int i = 0; i < RESAMPLES; i++) {
      differences[i] = resampledMean(current, random) - resampledMean(baseline, random);
    }
    Arrays.sort(differences);
    double tail = (1 - LEVEL) / 2;
    Interval interval = new Interval(differences[(int) Math.floor(tail * (RESAMPLES - 1))],
        differences[(int) Math.ceil((1 - tail) * (RESAMPLES - 1))], LEVEL, texts.get("compare.method.bootstrap", RESAMPLES));
    return withInterval(before, after, direction, interval, texts,
        texts.get("compare.means", baseline.length, current.length));
  }

  /**
   * Two rates (search success, push acceptance, failure rate), with the Newcombe-Wilson hybrid score
   * interval for the difference of proportions (Newcombe 1998, method 10).
   *
   * @param baselineHits successes (or failures, whatever the rate counts) in the baseline period
   * @param baselineTrials trials in the baseline period, at least 1
   * @param currentHits the same in the current period
   * @param currentTrials trials in the current period, at least 1
   * @param direction which way is better
   * @return the comparison of the rates (fractions: 0.2 for 20%); {@link Verdict#NOT_ENOUGH_DATA} if
   *     either period has fewer than {@value #MIN_OBSERVATIONS} trials
   * @throws ValidationException if trials are 0 or fewer, hits are negative or exceed trials, or the
   *     direction is missing
   */
  public static Comparison ofRates(long baselineHits, long baselineTrials, long currentHits, long currentTrials,
      KpiDirection direction) {
    return ofRates(baselineHits, baselineTrials, currentHits, currentTrials, direction, Locale.ENGLISH);
  }

  /**
   * {@link #ofRates(long, long, long, long, KpiDirection)} with its note and interval method in a reader's
   * language.
   *
   * @param baselineHits successes (or failures, whatever the rate counts) in the baseline period
   * @param baselineTrials trials in the baseline period, at least 1
   * @param currentHits the same in the current period
   * @param currentTrials trials in the current period, at least 1
   * @param direction which way is better
   * @param locale the language of the texts: simplified Chinese for any {@code zh} locale, else English
   * @return the comparison
   * @throws ValidationException as {@link #ofRates(long, long, long, long, KpiDirection)}
   */
  public static Comparison ofRates(long baselineHits, long baselineTrials, long currentHits, long currentTrials,
      KpiDirection direction, Locale locale) {
    Texts texts = Texts.of(locale);
    counts("baseline", baselineHits, baselineTrials);
    counts("current", currentHits, currentTrials);
    present(direction);
    double p1 = (double) baselineHits / baselineTrials;
    double p2 = (double) currentHits / currentTrials;
    if (baselineTrials < MIN_OBSERVATIONS || currentTrials < MIN_OBSERVATIONS) {
      return notEnough(p1, p2, direction, baselineTrials, currentTrials, texts, "compare.not-enough.trials");
    }
    double[] w1 = wilson(baselineHits, baselineTrials);
    double[] w2 = wilson(currentHits, currentTrials);
    double d = p2 - p1;
    Interval interval = new Interval(d - Math.sqrt(sq(p2 - w2[0]) + sq(w1[1] - p1)),
        d + Math.sqrt(sq(w2[1] - p2) + sq(p1 - w1[0])), LEVEL, texts.get("compare.method.wilson"));
    return withInterval(p1, p2, direction, interval, texts,
        texts.get("compare.rates", baselineHits, baselineTrials, currentHits, currentTrials));
  }

  private static Comparison withInterval(double before, double after, KpiDirection direction, Interval interval, Texts texts,
      String what) {
    Verdict verdict = interval.containsZero() ? Verdict.NO_CLEAR_CHANGE
        : better(interval.low() > 0 ? 1 : -1, direction) ? Verdict.IMPROVED : Verdict.WORSENED;
    String note = verdict == Verdict.NO_CLEAR_CHANGE ? texts.get("compare.no-clear-change", what) : what;
    return new Comparison(before, after, direction, after - before, relative(before, after), verdict,
        Optional.of(interval), note);
  }

  private static Comparison notEnough(double before, double after, KpiDirection direction, long n1, long n2, Texts texts,
      String key) {
    return new Comparison(before, after, direction, after - before, relative(before, after), Verdict.NOT_ENOUGH_DATA,
        Optional.empty(), texts.get(key, n1, n2, MIN_OBSERVATIONS));
  }

  /** The Wilson score interval of a proportion. */
  private static double[] wilson(long hits, long trials) {
    double n = trials;
    double p = hits / n;
    double denominator = 1 + Z * Z / n;
    double centre = (p + Z * Z / (2 * n)) / denominator;
    double half = Z / denominator * Math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n));
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  private static double resampledMean(double[] values, SplittableRandom random) {
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[random.nextInt(values.length)];
    }
    return sum / values.length;
  }

  private static boolean better(double change, KpiDirection direction) {
    return direction == KpiDirection.HIGHER_IS_BETTER ? change > 0 : change < 0;
  }

  private static OptionalDouble relative(double before, double after) {
    return before == 0 ? OptionalDouble.empty() : OptionalDouble.of((after - before) / Math.abs(before));
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double sq(double x) {
    return x * x;
  }

  private static void finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new ValidationException(field, value, "a finite number");
    }
  }

  private static void present(KpiDirection direction) {
    if (direction == null) {
      throw new ValidationException("direction", null, "HIGHER_IS_BETTER or LOWER_IS_BETTER");
    }
  }

  private static void observations(String field, double[] values) {
    if (values == null || values.length == 0 || values.length > MAX_OBSERVATIONS) {
      throw new ValidationException(field, values == null ? null : values.length + " observations",
          "1 to " + MAX_OBSERVATIONS + " observations (an empty period has no mean)");
    }
    for (int i = 0; i < values.length; i++) {
      finite(field + "[" + i + "]", values[i]);
    }
  }

  private static void counts(String period, long hits, long trials) {
    if (trials < 1) {
      throw new ValidationException(period + "Trials", trials, "at least 1 (an empty period has no rate)");
    }
    if (hits < 0 || hits > trials) {
      throw new ValidationException(period + "Hits", hits, "0 to the trials (" + trials + ")");
    }
  }
}
