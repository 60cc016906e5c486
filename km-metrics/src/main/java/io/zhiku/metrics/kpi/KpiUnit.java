package io.zhiku.metrics.kpi;

import io.zhiku.metrics.internal.Texts;
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
   * The value as English reports print it, e.g. {@code "25.0%"}, {@code "31.5 h"}, {@code "1,204"}.
   *
   * @param value the value (a fraction for {@link #PERCENT})
   * @return the text
   */
  public String format(double value) {
    return format(value, Locale.ENGLISH);
  }

  /**
   * The value as reports in a reader's language print it: {@code "31.5 h"} in English, {@code "31.5 小时"}
   * in Chinese (any {@code zh} locale); other locales get English.
   *
   * @param value the value (a fraction for {@link #PERCENT})
   * @param locale the reader's locale
   * @return the text
   */
  public String format(double value, Locale locale) {
    Texts texts = Texts.of(locale);
    Locale l = texts.locale();
    return switch (this) {
      case PERCENT -> String.format(l, "%.1f%%", 100 * value);
      case HOURS, DAYS -> texts.get("unit." + name() + ".value", String.format(l, "%,.1f", value));
      case COUNT, PEOPLE -> value == Math.rint(value) ? String.format(l, "%,d", (long) value) : String.format(l, "%,.2f", value);
      case SCORE -> String.format(l, "%.2f", value);
    };
  }

  /**
   * The unit in words, as a chart's title names it: "hours", "people"; "%" for {@link #PERCENT}.
   *
   * @param locale the reader's locale (Chinese for any {@code zh} locale, else English)
   * @return the word
   */
  public String word(Locale locale) {
    return Texts.of(locale).get("unit." + name() + ".word");
  }
}
