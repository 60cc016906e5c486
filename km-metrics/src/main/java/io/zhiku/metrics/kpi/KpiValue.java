package io.zhiku.metrics.kpi;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A KPI computed for a period and a segment, with what it rests on: the hits and trials of a rate, or
 * the observations of a mean, so that two periods can be compared with an honest interval.
 *
 * <p>A value: immutable and thread-safe ({@link #observations()} returns a copy).
 *
 * @param kpiId the KPI's id
 * @param period the period
 * @param segment the segment
 * @param shape how the value was formed
 * @param value the value (a fraction for rates); empty when the period had nothing to measure, see the note
 * @param hits for a rate, what it counts (successes, failures); otherwise 0
 * @param trials for a rate, out of how many; for a mean, how many observations; for a count or sum, how
 *     many events or items it read
 * @param observations for a mean, its observations (ascending when built by a {@link KpiScope}); otherwise empty
 * @param note what the value rests on or why it is missing, in words; empty when there is nothing to add
 */
public record KpiValue(String kpiId, KpiPeriod period, KpiSegment segment, Shape shape, OptionalDouble value,
    long hits, long trials, double[] observations, String note) {

  /** How a value was formed, which decides how two periods are compared. */
  public enum Shape {
    /** A number of events or people: compared as two figures. */
    COUNT,
    /** A total of event values (hours saved): compared as two figures. */
    SUM,
    /** hits ÷ trials: compared with a Newcombe-Wilson interval. */
    RATE,
    /** The mean of observations: compared with a bootstrap interval. */
    MEAN
  }

  /**
   * Validates and copies.
   *
   * @param kpiId the KPI's id
   * @param period the period
   * @param segment the segment
   * @param shape how the value was formed
   * @param value the value (a fraction for rates); empty when the period had nothing to measure, see the note
   * @param hits for a rate, what it counts (successes, failures); otherwise 0
   * @param trials for a rate, out of how many; for a mean, how many observations; for a count or sum, how
   *     many events or items it read
   * @param observations for a mean, its observations (ascending when built by a {@link KpiScope}); otherwise empty
   * @param note what the value rests on or why it is missing, in words; empty when there is nothing to add
   * @throws ValidationException if a part is missing or inconsistent
   */
  public KpiValue {
    Checks.token("KpiValue.kpiId", kpiId);
    Checks.present("KpiValue.period", period);
    Checks.present("KpiValue.segment", segment);
    Checks.present("KpiValue.shape", shape);
    Checks.present("KpiValue.value", value);
    if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
      throw new ValidationException("KpiValue.value", value.getAsDouble(), "a finite number");
    }
    if (hits < 0 || trials < 0) {
      throw new ValidationException("KpiValue.trials", hits + "/" + trials, "counts must not be negative");
    }
    observations = observations == null ? new double[0] : observations.clone();
    note = note == null ? "" : note;
  }

  /**
   * The observations of a mean.
   *
   * @return a copy
   */
  @Override
  public double[] observations() {
    return observations.clone();
  }

  /** Read access without a copy, for comparisons within the package. */
  double[] observationsView() {
    return observations;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KpiValue v && kpiId.equals(v.kpiId) && period.equals(v.period) && segment.equals(v.segment)
        && shape == v.shape && value.equals(v.value) && hits == v.hits && trials == v.trials
        && Arrays.equals(observations, v.observations) && note.equals(v.note);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kpiId, period, segment, shape, value, hits, trials, Arrays.hashCode(observations), note);
  }

  @Override
  public String toString() {
    return kpiId + "[" + segment.label() + ", " + period.start() + " .. " + period.end() + "] = "
        + (value.isPresent() ? value.getAsDouble() : "none") + " (" + shape + ", " + hits + "/" + trials + ")"
        + (note.isEmpty() ? "" : " " + note);
  }
}
