package io.zhiku.metrics.kpi;

import java.util.Locale;

/** What a KPI's value measures, and how reports print it. */
public enum KpiUnit {
  /** A share, held as a fraction (0.25) and printed as a percentage (25.0%). */
  PERCENT,
  /** Hours. */
  HOURS,
  /** Days. */
  DAYS,
  /** A number of events (proposals, contributions). */
  COUNT,
  /** A number of distinct people. */
  PEOPLE,
  /** A score on the host's rating scale. */
  SCORE;

  /**
   * The value as reports print it, e.g. {@code "25.0%"}, {@code "31.5 h"}, {@code "1,204"}.
   *
   * @param value the value (a fraction for {@link #PERCENT})
   * @return the text
   */
  public String format(double value) {
    return switch (this) {
      case PERCENT -> String.format(Locale.ROOT, "%.1f%%", 100 * value);
      case HOURS -> String.format(Locale.ROOT, "%,.1f h", value);
      case DAYS -> String.format(Locale.ROOT, "%,.1f d", value);
      case COUNT, PEOPLE -> value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value)
          : String.format(Locale.ROOT, "%,.2f", value);
      case SCORE -> String.format(Locale.ROOT, "%.2f", value);
    };
  }
}
