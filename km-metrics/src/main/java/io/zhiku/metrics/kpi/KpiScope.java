package io.zhiku.metrics.kpi;

import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.metrics.internal.Texts;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One computation of one KPI: its period and segment, the items and taxonomy, further scans, values
 * shared between the KPIs of the same report, and the builders of the {@link KpiValue}. Everything a
 * scope hands out is already filtered by the segment and, when the figures are for a viewer, by what the
 * viewer may read. Used on one thread.
 */
public final class KpiScope {
  private final KpiDefinition definition;
  private final KpiPeriod period;
  private final Inputs.Filter filter;
  private final Map<String, Object> shared;
  private final Texts texts;

  KpiScope(KpiDefinition definition, KpiPeriod period, Inputs.Filter filter, Map<String, Object> shared, Texts texts) {
    this.definition = definition;
    this.period = period;
    this.filter = filter;
    this.shared = shared;
    this.texts = texts;
  }

  /** @return the KPI being computed */
  public KpiDefinition definition() {
    return definition;
  }

  /**
   * The language the figures are computed for ({@link KpiEngine#inLocale}): a KPI writes the notes of its
   * values in it where it can.
   *
   * @return the reader's locale: {@link Locale#ENGLISH} or {@link Locale#SIMPLIFIED_CHINESE}
   */
  public Locale locale() {
    return texts.locale();
  }

  /** @return the standard KPIs' texts in the reader's language */
  Texts texts() {
    return texts;
  }

  /** @return the notes joined in the reader's language, empty ones left out */
  String join(List<String> notes) {
    String out = "";
    for (String n : notes) {
      out = join(out, n);
    }
    return out;
  }

  /** @return the period */
  public KpiPeriod period() {
    return period;
  }

  /** @return the segment */
  public KpiSegment segment() {
    return filter.segment;
  }

  /** @return the taxonomy */
  public Taxonomy taxonomy() {
    return filter.taxonomy();
  }

  /**
   * An item, whether or not it is in the segment, if it still exists and the viewer (if any) may read it.
   *
   * @param id the item's id
   * @return the item, or empty
   */
  public Optional<KnowledgeItem> item(String id) {
    return Optional.ofNullable(filter.item(id));
  }

  /** The item, without the Optional, for per-row use inside the package. */
  KnowledgeItem itemOrNull(String id) {
    return filter.item(id);
  }

  /**
   * The items the segment selects (owner unit, concept, kind) that the viewer, if any, may read.
   *
   * @return the items, as of the source's last refresh
   */
  public List<KnowledgeItem> items() {
    return filter.selectedItems();
  }

  /**
   * The concepts a coverage-like figure is over: the segment's concept and its narrower concepts, or
   * every concept of the taxonomy.
   *
   * @return concept ids
   */
  public Collection<String> concepts() {
    return filter.concepts();
  }

  /**
   * Reads more events than the report's scan gave (e.g. openings before the period), filtered by the
   * segment like every row a KPI sees.
   *
   * @param query which events
   * @param visitor receives each row; valid only during the call
   */
  public void scan(EventQuery query, Consumer<EventRow> visitor) {
    filter.scan(Checks.present("query", query), Checks.present("visitor", visitor));
  }

  /** Whether the source holds any event a query matches, whatever the segment: a cheap test before a scan. */
  boolean anyEvents(EventQuery query) {
    return filter.source().countEvents(query) > 0;
  }

  /**
   * A value computed once per report and shared by the KPIs that need it (the resolution time with and
   * without knowledge rest on the same cases).
   *
   * @param key a key naming what is shared, including what it depends on
   * @param compute computes it the first time
   * @param <T> its type
   * @return the shared value
   */
  @SuppressWarnings("unchecked")
  public <T> T shared(String key, Supplier<T> compute) {
    Object v = shared.get(key);
    if (v == null) {
      v = Checks.present("shared value " + key, compute.get());
      shared.put(key, v);
    }
    return (T) v;
  }

  /**
   * A count of events or people.
   *
   * @param n the count, at least 0
   * @return the value
   * @throws io.zhiku.core.ValidationException if the count is negative
   */
  public KpiValue count(long n) {
    return value(KpiValue.Shape.COUNT, OptionalDouble.of(n), 0, n, null, "");
  }

  /**
   * A total of event values.
   *
   * @param total the total, in the KPI's unit
   * @param events how many events it adds up
   * @return the value
   */
  public KpiValue sum(double total, long events) {
    return value(KpiValue.Shape.SUM, OptionalDouble.of(total), 0, events, null, "");
  }

  /**
   * A rate: hits ÷ trials; without a value when there were no trials.
   *
   * @param hits what the rate counts
   * @param trials out of how many
   * @return the value
   */
  public KpiValue rate(long hits, long trials) {
    return trials == 0
        ? value(KpiValue.Shape.RATE, OptionalDouble.empty(), 0, 0, null, texts.get("note.nothing-to-count"))
        : value(KpiValue.Shape.RATE, OptionalDouble.of((double) hits / trials), hits, trials, null, "");
  }

  /**
   * A mean of observations; without a value when there were none.
   *
   * @param observations the observations, in the KPI's unit, in any order (the value keeps them sorted)
   * @param note what they rest on (e.g. how many cases were left out), or empty
   * @return the value
   */
  public KpiValue mean(double[] observations, String note) {
    if (observations.length == 0) {
      return value(KpiValue.Shape.MEAN, OptionalDouble.empty(), 0, 0, null, join(texts.get("note.nothing-observed"), note));
    }
    double[] sorted = observations.clone();
    java.util.Arrays.sort(sorted); // the same observations give the same value and order whatever order a scan found them in
    double sum = 0;
    for (double o : sorted) {
      sum += o;
    }
    return value(KpiValue.Shape.MEAN, OptionalDouble.of(sum / sorted.length), 0, sorted.length, sorted, note);
  }

  /**
   * No value, and why.
   *
   * @param shape the shape the value would have had
   * @param why the reason, in words
   * @return the value
   */
  public KpiValue none(KpiValue.Shape shape, String why) {
    return value(shape, OptionalDouble.empty(), 0, 0, null, why);
  }

  /**
   * A value with a note added.
   *
   * @param value a value from this scope
   * @param note what to add
   * @return the value with the note
   */
  public KpiValue withNote(KpiValue value, String note) {
    return new KpiValue(value.kpiId(), value.period(), value.segment(), value.shape(), value.value(), value.hits(),
        value.trials(), value.observationsView(), join(value.note(), note));
  }

  private KpiValue value(KpiValue.Shape shape, OptionalDouble v, long hits, long trials, double[] observations, String note) {
    return new KpiValue(definition.id(), period, filter.segment, shape, v, hits, trials, observations, note);
  }

  private String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : texts.get("note.join", a, b);
  }
}
