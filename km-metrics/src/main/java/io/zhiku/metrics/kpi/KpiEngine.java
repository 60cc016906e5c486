package io.zhiku.metrics.kpi;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.ProgressReporter;
import io.zhiku.core.kb.Progress;
import io.zhiku.core.kb.ProgressListener;
import io.zhiku.metrics.compare.Comparison;
import io.zhiku.metrics.compare.Comparisons;
import io.zhiku.metrics.internal.Texts;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Computes a catalogue's KPIs from a {@link MetricsSource}: a report for a period and a segment, a
 * baseline period against a current one, and trends by month or quarter.
 *
 * <p>A report reads the event store once: one scan over the period (and the longest lookahead past its
 * end) of the event types its KPIs name. The standard KPIs read it in blocks of columns ({@link
 * MetricsSource#scanEventBlocks}): each column is read a few thousand events at a time and only for the
 * types that need it, and each KPI loops over the events of its own types in arrays. A host's KPIs get
 * the rows of their types from the same scan. Items are loaded once per call when a KPI or the segment
 * needs them. Figures are the host's
 * view unless made for a viewer ({@link #forViewer}): then events about items the viewer may not read, and
 * those items themselves, count nowhere.
 *
 * <p>Immutable and thread-safe; calls may run in parallel.
 */
public final class KpiEngine {
  /** The most items {@link #topItems} lists. */
  public static final int MAX_TOP_ITEMS = 1000;
  /** Type strings looked up by identity in a scan; a source that makes a new string per row gets no more. */
  private static final int MAX_TYPE_INSTANCES = 256;

  private final MetricsSource source;
  private final KpiCatalogue catalogue;
  private final ZoneId zone;
  private final Principal viewer;
  private final ProgressListener progress;
  private final Texts texts;

  private KpiEngine(MetricsSource source, KpiCatalogue catalogue, ZoneId zone, Principal viewer, ProgressListener progress,
      Texts texts) {
    this.source = source;
    this.catalogue = catalogue;
    this.zone = zone;
    this.viewer = viewer;
    this.progress = progress;
    this.texts = texts;
  }

  /**
   * Starts configuring metrics over a source.
   *
   * @param source where events and items come from, e.g. {@link MetricsSource#of(io.zhiku.core.kb.KnowledgeBase)}
   * @return a builder with the standard catalogue and UTC
   * @throws ValidationException if the source is missing
   */
  public static Builder builder(MetricsSource source) {
    return new Builder(Checks.present("source", source));
  }

  /**
   * The same metrics as a person sees them: events about items the viewer may not read (or that no longer
   * exist) and such items are left out of every figure.
   *
   * @param principal who views the figures
   * @return metrics for that viewer
   * @throws ValidationException if the principal is missing
   */
  public KpiEngine forViewer(Principal principal) {
    return new KpiEngine(source, catalogue, zone, Checks.present("viewer", principal), progress, texts);
  }

  /**
   * The same metrics in a reader's language: the KPIs' names, definitions and formulas in every result
   * ({@link Kpi#definition(Locale)}) and the notes of values and comparisons. Simplified Chinese for any
   * {@code zh} locale, English for every other (whatever the JVM's default locale); the figures are the same.
   *
   * @param locale the reader's locale
   * @return metrics whose texts are in that language
   * @throws ValidationException if the locale is missing
   */
  public KpiEngine inLocale(Locale locale) {
    return new KpiEngine(source, catalogue, zone, viewer, progress, Texts.of(Checks.present("locale", locale)));
  }

  /** @return the language of the texts: {@link Locale#ENGLISH} (the default) or {@link Locale#SIMPLIFIED_CHINESE} */
  public Locale locale() {
    return texts.locale();
  }

  /** @return where these metrics read events and items */
  public MetricsSource source() {
    return source;
  }

  /** @return the KPIs these metrics compute */
  public KpiCatalogue catalogue() {
    return catalogue;
  }

  /** @return the time zone of months and quarters */
  public ZoneId zone() {
    return zone;
  }

  /** @return the viewer the figures are for, or empty for the host's view */
  public Optional<Principal> viewer() {
    return Optional.ofNullable(viewer);
  }

  /**
   * Every KPI of the catalogue for a period and segment.
   *
   * @param period the period
   * @param segment the segment, {@link KpiSegment#ALL} for everyone
   * @return the report
   * @throws ValidationException if a part is missing
   */
  public KpiReport report(KpiPeriod period, KpiSegment segment) {
    return report(period, segment, List.of());
  }

  /**
   * Some KPIs of the catalogue for a period and segment.
   *
   * @param period the period
   * @param segment the segment
   * @param kpiIds the KPIs' ids; empty for every KPI
   * @return the report, in the catalogue's order
   * @throws ValidationException if a part is missing
   * @throws io.zhiku.core.NotFoundException if an id is not in the catalogue
   */
  public KpiReport report(KpiPeriod period, KpiSegment segment, Collection<String> kpiIds) {
    Checks.present("period", period);
    Checks.present("segment", segment);
    ProgressReporter scanned = scanned();
    try {
      List<Kpi> kpis = select(kpiIds);
      return compute(new Inputs(source, viewer), period, segment, kpis, shown(kpis), scanned);
    } finally {
      scanned.finish();
    }
  }

  /**
   * Every KPI in a baseline period against a current period.
   *
   * @param baseline the period before (e.g. the year before knowledge management)
   * @param current the period after
   * @param segment the segment
   * @return one comparison per KPI, in the catalogue's order
   * @throws ValidationException if a part is missing
   */
  public List<KpiComparison> compare(KpiPeriod baseline, KpiPeriod current, KpiSegment segment) {
    Checks.present("baseline", baseline);
    Checks.present("current", current);
    Checks.present("segment", segment);
    Inputs inputs = new Inputs(source, viewer);
    List<Kpi> kpis = catalogue.kpis();
    ProgressReporter scanned = scanned();
    KpiReport before;
    KpiReport after;
    try {
      List<KpiDefinition> shown = shown(kpis);
      before = compute(inputs, baseline, segment, kpis, shown, scanned);
      after = compute(inputs, current, segment, kpis, shown, scanned);
    } finally {
      scanned.finish();
    }
    List<KpiComparison> out = new ArrayList<>();
    for (int i = 0; i < kpis.size(); i++) {
      KpiDefinition d = before.results().get(i).kpi();
      KpiValue b = before.results().get(i).value();
      KpiValue c = after.results().get(i).value();
      out.add(new KpiComparison(d, b, c, compare(d, b, c, texts.locale())));
    }
    return out;
  }

  /**
   * KPIs month by month or quarter by quarter.
   *
   * @param period the whole span; its first and last points are cut to it
   * @param granularity months or quarters, in {@link #zone()}
   * @param segment the segment
   * @param kpiIds the KPIs' ids; empty for every KPI
   * @return one point per month or quarter, in time order (each report's period is the point's span; a point
   *     the span cuts is {@link TrendPoint#partial()})
   * @throws ValidationException if a part is missing or the span has more than {@value KpiPeriod#MAX_SPLITS} points
   * @throws io.zhiku.core.NotFoundException if an id is not in the catalogue
   */
  public List<TrendPoint> trend(KpiPeriod period, Granularity granularity, KpiSegment segment, Collection<String> kpiIds) {
    Checks.present("period", period);
    Checks.present("granularity", granularity);
    Checks.present("segment", segment);
    List<Kpi> kpis = select(kpiIds);
    Inputs inputs = new Inputs(source, viewer);
    List<TrendPoint> out = new ArrayList<>();
    ProgressReporter scanned = scanned();
    try {
      List<KpiDefinition> shown = shown(kpis);
      for (KpiPeriod.LabelledPeriod p : period.split(granularity, zone)) {
        out.add(new TrendPoint(p.label(), compute(inputs, p.period(), segment, kpis, shown, scanned), p.partial()));
      }
    } finally {
      scanned.finish();
    }
    return out;
  }

  /**
   * The most used items of a period (views, clicks and reuses in the segment), for a report's drill-down.
   * Only items that still exist are listed, and for a viewer only items the viewer may read: an item the
   * viewer may not read is neither named nor counted.
   *
   * @param period the period
   * @param segment the segment
   * @param limit how many, 1 to {@value #MAX_TOP_ITEMS}
   * @return the items, most used first, ties by id
   * @throws ValidationException if a part is missing or the limit is out of range
   */
  public List<ItemUsage> topItems(KpiPeriod period, KpiSegment segment, int limit) {
    Checks.present("period", period);
    Checks.present("segment", segment);
    if (limit < 1 || limit > MAX_TOP_ITEMS) {
      throw new ValidationException("limit", limit, "1 to " + MAX_TOP_ITEMS);
    }
    Inputs inputs = new Inputs(source, viewer);
    Inputs.Filter filter = inputs.filter(segment);
    Map<String, long[]> counts = new HashMap<>();
    String view = UsageEventType.VIEW.name();
    String click = UsageEventType.CLICK.name();
    filter.scan(EventQuery.builder().window(period.start(), period.end())
        .types(UsageEventType.VIEW, UsageEventType.CLICK, UsageEventType.REUSE).build(), row -> {
          long[] c = counts.computeIfAbsent(row.itemId(), id -> new long[3]);
          c[view.equals(row.type()) ? 0 : click.equals(row.type()) ? 1 : 2]++;
        });
    List<ItemUsage> out = new ArrayList<>();
    counts.forEach((id, c) -> {
      io.zhiku.core.item.KnowledgeItem item = filter.item(id); // null if gone or, for a viewer, unreadable
      if (item != null) {
        out.add(new ItemUsage(id, item.title(), c[0], c[1], c[2]));
      }
    });
    out.sort(java.util.Comparator.comparingLong(ItemUsage::total).reversed().thenComparing(ItemUsage::itemId));
    return List.copyOf(out.subList(0, Math.min(limit, out.size())));
  }

  private List<Kpi> select(Collection<String> kpiIds) {
    Checks.present("kpiIds", kpiIds);
    if (kpiIds.isEmpty()) {
      return catalogue.kpis();
    }
    Set<String> wanted = new LinkedHashSet<>(kpiIds);
    wanted.forEach(catalogue::get); // unknown ids fail here
    return catalogue.kpis().stream().filter(k -> wanted.contains(k.definition().id())).toList();
  }

  /** Reports the events one call's scans read to the engine's listener. */
  private ProgressReporter scanned() {
    return new ProgressReporter(progress, Progress.KPI_REPORT, -1);
  }

  /**
   * One scan of the period's events for every KPI, then each KPI's value.
   *
   * @param shown the KPIs' definitions as the results carry them, in the engine's language ({@link #shown})
   */
  private KpiReport compute(Inputs inputs, KpiPeriod period, KpiSegment segment, List<Kpi> kpis, List<KpiDefinition> shown,
      ProgressReporter scanned) {
    Inputs.Filter filter = inputs.filter(segment);
    Map<String, Object> shared = new HashMap<>();
    int n = kpis.size();
    Kpi.Collector[] collectors = new Kpi.Collector[n];
    List<BlockCollector> blockCollectors = new ArrayList<>();
    EventColumns.Builder columns = EventColumns.builder();
    List<Integer> rowCollectors = new ArrayList<>();
    Set<UsageEventType> types = new LinkedHashSet<>();
    boolean everyType = false;
    long maxLookahead = 0;
    for (int i = 0; i < n; i++) {
      KpiDefinition d = kpis.get(i).definition();
      collectors[i] = Checks.present("collector of " + d.id(), kpis.get(i).collector(new KpiScope(d, period, filter, shared, texts)));
      if (d.everyEvent() || !d.events().isEmpty()) {
        everyType |= d.everyEvent();
        types.addAll(d.events());
        maxLookahead = Math.max(maxLookahead, d.lookahead().toMillis());
      }
      if (collectors[i] instanceof BlockCollector b) {
        b.require(columns);
        blockCollectors.add(b);
      } else {
        rowCollectors.add(i);
      }
    }
    if (everyType || !types.isEmpty()) {
      // A lookahead past the last accepted instant reads to the end of time (no upper bound).
      java.time.Instant horizon = period.end().plus(Duration.ofMillis(maxLookahead));
      EventQuery.Builder q = EventQuery.builder().window(period.start(),
          horizon.isAfter(io.zhiku.core.Instants.LATEST) ? null : horizon);
      if (!everyType) {
        q.types(types.toArray(UsageEventType[]::new));
      }
      Consumer<EventRow> dispatch = rowCollectors.isEmpty() ? null : rowDispatch(kpis, collectors, rowCollectors, period);
      if (blockCollectors.isEmpty()) {
        filter.scan(q.build(), row -> { // the row collectors are all there is
          scanned.advance(1);
          dispatch.accept(row);
        });
      } else {
        EventColumns wanted = columns.build();
        BlockRows blockRows = new BlockRows(wanted, period.end().toEpochMilli(), new Object());
        long[] serial = {0};
        filter.scanBlocks(q.build(), wanted, block -> {
          scanned.advance(block.size());
          blockRows.reset(block, serial[0]++);
          for (BlockCollector c : blockCollectors) {
            c.accept(blockRows);
          }
        }, dispatch);
      }
    }
    List<KpiResult> results = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      KpiDefinition d = kpis.get(i).definition();
      KpiValue v = Checks.present("value of " + d.id(), collectors[i].finish());
      if (!v.kpiId().equals(d.id()) || !v.period().equals(period) || !v.segment().equals(segment)) {
        throw new ValidationException("value of " + d.id(), v, "must come from the KPI's own scope");
      }
      results.add(new KpiResult(shown.get(i), v));
    }
    return new KpiReport(period, segment, results);
  }

  /**
   * Hands each row to the row collectors (host KPIs) that read its type and whose lookahead reaches it.
   *
   * @param targets the indexes of the row collectors
   */
  private static Consumer<EventRow> rowDispatch(List<Kpi> kpis, Kpi.Collector[] collectors, List<Integer> targets,
      KpiPeriod period) {
    Map<String, List<Integer>> readers = new HashMap<>();
    List<Integer> everyType = new ArrayList<>();
    long[] lookahead = new long[collectors.length];
    for (int i : targets) {
      KpiDefinition d = kpis.get(i).definition();
      lookahead[i] = d.lookahead().toMillis();
      if (d.everyEvent()) {
        everyType.add(i);
      }
      for (UsageEventType t : d.events()) {
        readers.computeIfAbsent(t.name(), x -> new ArrayList<>()).add(i);
      }
    }
    Map<String, int[]> dispatch = new HashMap<>();
    readers.forEach((type, list) -> {
      List<Integer> all = new ArrayList<>(list);
      all.addAll(everyType);
      dispatch.put(type, all.stream().sorted().mapToInt(Integer::intValue).toArray());
    });
    int[] others = everyType.stream().mapToInt(Integer::intValue).toArray();
    long end = period.end().toEpochMilli();
    Map<String, int[]> byInstance = new IdentityHashMap<>(); // stores hand out one string per type
    return row -> {
      String type = row.type();
      int[] to = byInstance.get(type);
      if (to == null) {
        to = dispatch.getOrDefault(type, others);
        if (byInstance.size() < MAX_TYPE_INSTANCES) {
          byInstance.put(type, to);
        }
      }
      long past = row.timeMillis() - end; // negative within the period
      for (int i : to) {
        if (past < lookahead[i]) {
          collectors[i].accept(row);
        }
      }
    };
  }

  /** The KPIs' definitions in the engine's language, once per call. */
  private List<KpiDefinition> shown(List<Kpi> kpis) {
    return kpis.stream().map(k -> texts == Texts.ENGLISH ? k.definition() : localized(k, texts)).toList();
  }

  /** A KPI's definition in the texts' language, checked to be the same KPI but for its words. */
  private static KpiDefinition localized(Kpi kpi, Texts texts) {
    KpiDefinition d = kpi.definition();
    KpiDefinition l = Checks.present("definition in " + texts.locale().toLanguageTag() + " of " + d.id(), kpi.definition(texts.locale()));
    if (!l.id().equals(d.id()) || l.unit() != d.unit() || l.direction() != d.direction()) {
      throw new ValidationException("definition in " + texts.locale().toLanguageTag() + " of " + d.id(), l.id(),
          "the same id, unit and direction as the KPI's definition()");
    }
    return l;
  }

  /** The comparison that suits the values' shape: rates with Newcombe-Wilson, means by bootstrap, else two figures. */
  static Optional<Comparison> compare(KpiDefinition d, KpiValue baseline, KpiValue current, Locale locale) {
    if (baseline.value().isEmpty() || current.value().isEmpty()) {
      return Optional.empty();
    }
    if (baseline.shape() == KpiValue.Shape.RATE && current.shape() == KpiValue.Shape.RATE
        && baseline.hits() <= baseline.trials() && current.hits() <= current.trials()) {
      return Optional.of(Comparisons.ofRates(baseline.hits(), baseline.trials(), current.hits(), current.trials(), d.direction(),
          locale));
    }
    if (baseline.shape() == KpiValue.Shape.MEAN && current.shape() == KpiValue.Shape.MEAN) {
      return Optional.of(Comparisons.ofMeans(sample(baseline.observationsView()), sample(current.observationsView()),
          d.direction(), locale));
    }
    return Optional.of(Comparisons.ofFigures(baseline.value().getAsDouble(), current.value().getAsDouble(), d.direction(),
        locale));
  }

  /** At most {@link Comparisons#MAX_OBSERVATIONS}, evenly spaced, so the bootstrap stays bounded. */
  private static double[] sample(double[] all) {
    if (all.length <= Comparisons.MAX_OBSERVATIONS) {
      return all;
    }
    double[] out = new double[Comparisons.MAX_OBSERVATIONS];
    double step = (double) all.length / out.length;
    for (int i = 0; i < out.length; i++) {
      out[i] = all[(int) (i * step)];
    }
    return out;
  }

  /** Configures {@link KpiEngine}. Not thread-safe. */
  public static final class Builder {
    private final MetricsSource source;
    private KpiCatalogue catalogue = KpiCatalogue.standard();
    private ZoneId zone = ZoneOffset.UTC;
    private ProgressListener progress = ProgressListener.NONE;

    private Builder(MetricsSource source) {
      this.source = source;
    }

    /**
     * @param kpis the KPIs to compute (default: {@link KpiCatalogue#standard()})
     * @return this builder
     */
    public Builder catalogue(KpiCatalogue kpis) {
      this.catalogue = Checks.present("catalogue", kpis);
      return this;
    }

    /**
     * @param timeZone where months and quarters begin (default UTC)
     * @return this builder
     */
    public Builder zone(ZoneId timeZone) {
      this.zone = Checks.present("zone", timeZone);
      return this;
    }

    /**
     * Hears how far each report, comparison or trend has come: {@link Progress#KPI_REPORT} in events read
     * (the total not known in advance), a few reports a second from the calling thread and a last one when
     * the call ends. The listener must be thread-safe when calls run in parallel; what it throws is logged
     * and ignored.
     *
     * @param listener who hears (default {@link ProgressListener#NONE})
     * @return this builder
     */
    public Builder progressListener(ProgressListener listener) {
      this.progress = Checks.present("progressListener", listener);
      return this;
    }

    /** @return the metrics */
    public KpiEngine build() {
      return new KpiEngine(source, catalogue, zone, null, progress, Texts.ENGLISH);
    }
  }
}
