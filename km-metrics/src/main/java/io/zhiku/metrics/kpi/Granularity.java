package io.zhiku.metrics.kpi;

import java.time.LocalDate;

/** The step of a trend: calendar months or quarters. */
public enum Granularity {
  /** Calendar months, labelled {@code 2026-03}. */
  MONTH,
  /** Calendar quarters, labelled {@code 2026-Q1}. */
  QUARTER;

  LocalDate firstDayOf(LocalDate day) {
    return this == MONTH ? day.withDayOfMonth(1) : LocalDate.of(day.getYear(), 3 * ((day.getMonthValue() - 1) / 3) + 1, 1);
  }

  LocalDate next(LocalDate first) {
    return first.plusMonths(this == MONTH ? 1 : 3);
  }

  String label(LocalDate first) {
    return this == MONTH
        ? String.format(java.util.Locale.ROOT, "%04d-%02d", first.getYear(), first.getMonthValue())
        : first.getYear() + "-Q" + ((first.getMonthValue() - 1) / 3 + 1);
  }
}
