package io.zhiku.metrics.kpi;

import io.zhiku.core.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A span of time a KPI is computed for: from {@code start} (inclusive) to {@code end} (exclusive).
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param start the first instant of the period
 * @param end the first instant after the period; after {@code start}
 */
public record KpiPeriod(Instant start, Instant end) {
  /** The most sub-periods {@link #split} gives (100 years of months). */
  public static final int MAX_SPLITS = 1200;

  /**
   * Validates.
   *
   * @param start the first instant of the period
   * @param end the first instant after the period; after {@code start}
   * @throws ValidationException if a bound is missing or outside {@link io.zhiku.core.Instants}' range, or the
   *     period ends before it starts or is empty
   */
  public KpiPeriod {
    if (start == null) {
      throw new ValidationException("KpiPeriod.start", null, "required");
    }
    if (end == null) {
      throw new ValidationException("KpiPeriod.end", null, "required");
    }
    io.zhiku.core.internal.Checks.instant("KpiPeriod.start", start);
    io.zhiku.core.internal.Checks.instant("KpiPeriod.end", end);
    if (end.isBefore(start)) {
      throw new ValidationException("KpiPeriod.end", end, "must not be before KpiPeriod.start " + start);
    }
    if (end.equals(start)) {
      throw new ValidationException("KpiPeriod.end", end, "must be after KpiPeriod.start " + start + " (the period is empty)");
    }
  }

  /**
   * A period between two instants.
   *
   * @param start inclusive
   * @param end exclusive
   * @return the period
   * @throws ValidationException if it ends before it starts or is empty
   */
  public static KpiPeriod of(Instant start, Instant end) {
    return new KpiPeriod(start, end);
  }

  /**
   * A calendar month in a time zone.
   *
   * @param month the month
   * @param zone where its days begin
   * @return the month as a period
   */
  public static KpiPeriod month(YearMonth month, ZoneId zone) {
    return new KpiPeriod(month.atDay(1).atStartOfDay(zone).toInstant(),
        month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
  }

  /**
   * A calendar quarter in a time zone.
   *
   * @param year the year
   * @param quarter 1 to 4
   * @param zone where its days begin
   * @return the quarter as a period
   * @throws ValidationException if the quarter is not 1 to 4
   */
  public static KpiPeriod quarter(int year, int quarter, ZoneId zone) {
    if (quarter < 1 || quarter > 4) {
      throw new ValidationException("quarter", quarter, "1 to 4");
    }
    YearMonth first = YearMonth.of(year, 3 * quarter - 2);
    return new KpiPeriod(first.atDay(1).atStartOfDay(zone).toInstant(),
        first.plusMonths(3).atDay(1).atStartOfDay(zone).toInstant());
  }

  /**
   * Whether an instant, in milliseconds since the epoch, falls in the period.
   *
   * @param epochMillis the instant
   * @return {@code true} if {@code start <= t < end}
   */
  public boolean contains(long epochMillis) {
    return epochMillis >= start.toEpochMilli() && epochMillis < end.toEpochMilli();
  }

  /**
   * The calendar months or quarters this period overlaps, each cut to the period: the points of a trend.
   *
   * @param granularity months or quarters
   * @param zone where days begin
   * @return the sub-periods in time order, with their labels
   * @throws ValidationException if there would be more than {@value #MAX_SPLITS}
   */
  public List<LabelledPeriod> split(Granularity granularity, ZoneId zone) {
    List<LabelledPeriod> out = new ArrayList<>();
    ZonedDateTime at = start.atZone(zone);
    LocalDate first = granularity.firstDayOf(at.toLocalDate());
    for (LocalDate day = first; day.atStartOfDay(zone).toInstant().isBefore(end); day = granularity.next(day)) {
      if (out.size() == MAX_SPLITS) {
        throw new ValidationException("KpiPeriod", this, "at most " + MAX_SPLITS + " " + granularity.name().toLowerCase(java.util.Locale.ROOT)
            + "s in a trend");
      }
      Instant from = day.atStartOfDay(zone).toInstant();
      Instant to = granularity.next(day).atStartOfDay(zone).toInstant();
      Instant s = from.isBefore(start) ? start : from;
      Instant e = to.isAfter(end) ? end : to;
      out.add(new LabelledPeriod(granularity.label(day), new KpiPeriod(s, e), !s.equals(from) || !e.equals(to)));
    }
    return out;
  }

  /**
   * One point of a trend: a calendar month or quarter, cut to the period it was split from.
   *
   * @param label e.g. {@code "2026-03"} or {@code "2026-Q1"}
   * @param period the span
   * @param partial whether the period was cut: it covers only part of its month or quarter, so its counts
   *     are not comparable with whole ones
   */
  public record LabelledPeriod(String label, KpiPeriod period, boolean partial) {}
}
