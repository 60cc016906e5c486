package io.zhiku.metrics.roi;

import io.zhiku.core.ValidationException;
import io.zhiku.metrics.internal.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Net present value, internal rate of return and payback of yearly net cash flows, where {@code
 * flows[t]} falls at the end of year {@code t} ({@code flows[0]} now). Stateless and thread-safe.
 */
public final class CashFlows {
  /** The lowest rate searched for an IRR: just above -100%. */
  static final double MIN_RATE = -0.999_999;
  /** The highest rate searched for an IRR: 100,000% a year. */
  static final double MAX_RATE = 1_000;
  /** The most years of flows. */
  public static final int MAX_YEARS = 100;
  /** Rates from just above -100% to 100,000%, dense near 0 where the rates of real projects lie. */
  private static final double[] GRID = grid();

  private CashFlows() {}

  /**
   * The net present value.
   *
   * @param flows net flows, years 0 to n
   * @param rate the discount rate per year, above -1 (0.08 for 8%)
   * @return {@code Σ flows[t] / (1 + rate)^t}
   * @throws ValidationException if the flows are empty, too many or not finite, or the rate is -100% or
   *     less or not finite
   */
  public static double npv(double[] flows, double rate) {
    check(flows);
    checkRate("rate", rate);
    return npvUnchecked(flows, rate);
  }

  private static double npvUnchecked(double[] flows, double rate) {
    double sum = 0;
    double factor = 1;
    for (double flow : flows) {
      sum += flow / factor;
      factor *= 1 + rate;
    }
    return sum;
  }

  /**
   * The internal rate of return: every rate between just above -100% and 100,000% a year at which the
   * NPV crosses zero, found by bracketing on a fine grid and bisection to 1e-9.
   *
   * @param flows net flows, years 0 to n
   * @return the rates, or why there is none
   * @throws ValidationException if the flows are empty, too many or not finite
   */
  public static Irr irr(double[] flows) {
    return irr(flows, Locale.ENGLISH);
  }

  /**
   * {@link #irr(double[])} with the note, when there is one, in a reader's language.
   *
   * @param flows net flows, years 0 to n
   * @param locale the note's language: simplified Chinese for any {@code zh} locale, else English
   * @return the rates, or why there is none
   * @throws ValidationException if the flows are empty, too many or not finite
   */
  public static Irr irr(double[] flows, Locale locale) {
    check(flows);
    Texts texts = Texts.of(locale);
    boolean positive = false;
    boolean negative = false;
    for (double f : flows) {
      positive |= f > 0;
      negative |= f < 0;
    }
    if (!positive || !negative) {
      return new Irr(List.of(), texts.get(positive ? "irr.no-sign-change.gains" : negative ? "irr.no-sign-change.costs"
          : "irr.no-sign-change.zero"));
    }
    List<Double> roots = new ArrayList<>();
    double lo = MIN_RATE;
    double fLo = npvUnchecked(flows, lo);
    for (double hi : GRID) {
      double fHi = npvUnchecked(flows, hi);
      if (fHi == 0) {
        roots.add(hi);
      } else if (fLo != 0 && Math.signum(fLo) != Math.signum(fHi)) {
        roots.add(bisect(flows, lo, hi, fLo));
      }
      lo = hi;
      fLo = fHi;
    }
    if (roots.isEmpty()) {
      return new Irr(roots, texts.get("irr.no-crossing"));
    }
    return new Irr(roots, roots.size() == 1 ? "" : texts.get("irr.several", roots.size()));
  }

  private static double[] grid() {
    List<Double> rates = new ArrayList<>();
    for (double r = -0.999; r < 1; r += 0.001) {
      rates.add(r);
    }
    for (double r = 1; r <= MAX_RATE; r *= 1.01) {
      rates.add(r);
    }
    double[] out = new double[rates.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = rates.get(i);
    }
    return out;
  }

  private static double bisect(double[] flows, double lo, double hi, double fLo) {
    for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
      double mid = (lo + hi) / 2;
      double fMid = npvUnchecked(flows, mid);
      if (fMid == 0) {
        return mid;
      }
      if (Math.signum(fMid) == Math.signum(fLo)) {
        lo = mid;
        fLo = fMid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /**
   * The payback period: the first time the cumulative net reaches zero, interpolated linearly within
   * that year.
   *
   * @param flows net flows, years 0 to n
   * @return years (2.6 is six tenths into year 3; 0 if year 0 is not negative), or empty if the
   *     cumulative net stays below zero through year n
   * @throws ValidationException if the flows are empty, too many or not finite
   */
  public static OptionalDouble payback(double[] flows) {
    check(flows);
    double cumulative = flows[0];
    if (cumulative >= 0) {
      return OptionalDouble.of(0);
    }
    for (int t = 1; t < flows.length; t++) {
      double next = cumulative + flows[t];
      if (next >= 0) {
        return OptionalDouble.of(t - 1 + (-cumulative) / flows[t]);
      }
      cumulative = next;
    }
    return OptionalDouble.empty();
  }

  static void check(double[] flows) {
    if (flows == null || flows.length == 0 || flows.length > MAX_YEARS + 1) {
      throw new ValidationException("flows", flows == null ? null : flows.length + " years",
          "1 to " + (MAX_YEARS + 1) + " yearly flows (years 0 to " + MAX_YEARS + ")");
    }
    for (int t = 0; t < flows.length; t++) {
      if (!Double.isFinite(flows[t])) {
        throw new ValidationException("flows[" + t + "]", flows[t], "a finite amount");
      }
    }
  }

  static double checkRate(String field, double rate) {
    if (!Double.isFinite(rate) || rate <= -1) {
      throw new ValidationException(field, rate, "a finite rate above -1 (-100%); 0.08 is 8% a year");
    }
    return rate;
  }
}
