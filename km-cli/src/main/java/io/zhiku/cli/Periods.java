package io.zhiku.cli;

import io.zhiku.core.ValidationException;
import io.zhiku.metrics.kpi.KpiPeriod;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Reads the periods and instants the commands take. */
final class Periods {
  /** How a period is written, for messages. */
  static final String FORMS = "a month (2026-01), FROM..TO with dates (2026-01-01..2026-07-01, the end excluded) or ISO instants";

  private Periods() {}

  /**
   * A period: a month ({@code 2026-01}), or {@code FROM..TO} with dates (midnight in the zone) or ISO
   * instants, the end excluded.
   *
   * @param option the option's name, for the message
   * @param text the text
   * @param zone where dates and months begin
   * @return the period
   * @throws ValidationException naming the option and the forms it takes
   */
  static KpiPeriod period(String option, String text, ZoneId zone) {
    try {
      int dots = text.indexOf("..");
      if (dots < 0) {
        return KpiPeriod.month(YearMonth.parse(text), zone);
      }
      return KpiPeriod.of(parse(text.substring(0, dots), zone), parse(text.substring(dots + 2), zone));
    } catch (DateTimeParseException e) {
      throw new ValidationException(option, text, FORMS);
    }
  }

  /**
   * An instant: an ISO instant ({@code 2026-01-01T08:00:00Z}) or a date, read as midnight in the zone.
   *
   * @param option the option's name, for the message
   * @param text the text
   * @param zone where a date begins
   * @return the instant
   * @throws ValidationException naming the option and the forms it takes
   */
  static Instant instant(String option, String text, ZoneId zone) {
    try {
      return parse(text, zone);
    } catch (DateTimeParseException e) {
      throw new ValidationException(option, text, "a date (2026-01-01) or an ISO instant (2026-01-01T08:00:00Z)");
    }
  }

  private static Instant parse(String text, ZoneId zone) {
    String t = text.strip();
    return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(zone).toInstant() : Instant.parse(t);
  }
}
