package io.zhiku.metrics.kpi;

import io.zhiku.core.event.EventRow;
import java.util.Locale;

/**
 * A key performance indicator: its {@link KpiDefinition} and how to compute it from events and items.
 * The standard KPIs come from {@link Kpis}; a host registers its own in a {@link KpiCatalogue} through
 * this same interface.
 *
 * <p>{@link KpiEngine} computes every KPI of a report in one scan of the event store: it asks each KPI for
 * a {@link Collector}, hands each collector the rows of the event types its definition names (already
 * filtered by the segment and, for a viewer, by access), then asks for the value. (The standard KPIs'
 * collectors read the same scan in blocks of columns instead; a row handed to one is read as a block of
 * one.) Implementations must be thread-safe (collectors need not be: each serves one computation on one
 * thread).
 */
public interface Kpi {
  /**
   * What this KPI is.
   *
   * @return its definition
   */
  KpiDefinition definition();

  /**
   * What this KPI is, in a reader's language: its name, definition and formula as a report in that locale
   * prints them. The standard KPIs speak English and simplified Chinese (any {@code zh} locale); a host's
   * KPI may override this to give its own translations.
   *
   * @param locale the reader's locale
   * @return the definition with its texts in that language; the same id, unit, direction and events as
   *     {@link #definition()}; by default {@link #definition()} itself
   */
  default KpiDefinition definition(Locale locale) {
    return definition();
  }

  /**
   * Starts one computation.
   *
   * @param scope the period, segment, items and helpers of this computation
   * @return a collector for it
   */
  Collector collector(KpiScope scope);

  /** One computation of a KPI: receives rows, then gives the value. Used on one thread. */
  interface Collector {
    /**
     * One event of a type the definition names, from the period (or its lookahead past the end), in no
     * particular order. The row is valid only during the call.
     *
     * @param row the event's columns
     */
    void accept(EventRow row);

    /**
     * The value, after every row. May read more through the scope (earlier events, the items).
     *
     * @return the value, built with the scope's {@code count}, {@code sum}, {@code rate}, {@code mean} or
     *     {@code none}
     */
    KpiValue finish();
  }
}
