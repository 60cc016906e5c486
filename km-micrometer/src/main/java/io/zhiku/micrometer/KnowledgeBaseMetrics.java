package io.zhiku.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseStats;
import io.zhiku.core.kb.OperationStats;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Binds a knowledge base's {@link KnowledgeBase#stats()} to a Micrometer registry:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Name</th><th>Type</th><th>Tags</th><th>What</th></tr>
 *   <tr><td>{@code zhiku.operations}</td><td>function timer</td><td>{@code operation}</td><td>calls and their
 *       total time: {@code put} (a batch is one call), {@code delete}, {@code search}, {@code similar},
 *       {@code refresh}, {@code commit}</td></tr>
 *   <tr><td>{@code zhiku.operations.failures}</td><td>function counter</td><td>{@code operation}</td><td>the
 *       calls that threw</td></tr>
 *   <tr><td>{@code zhiku.operations.max}</td><td>time gauge</td><td>{@code operation}</td><td>the longest
 *       call since the knowledge base opened</td></tr>
 *   <tr><td>{@code zhiku.items}</td><td>gauge</td><td></td><td>live items</td></tr>
 *   <tr><td>{@code zhiku.items.written}</td><td>function counter</td><td></td><td>items stored by puts</td></tr>
 *   <tr><td>{@code zhiku.events.recorded}</td><td>function counter</td><td></td><td>usage events stored</td></tr>
 *   <tr><td>{@code zhiku.version.conflicts}</td><td>function counter</td><td></td><td>writes refused for
 *       another version</td></tr>
 *   <tr><td>{@code zhiku.uncommitted}</td><td>gauge</td><td></td><td>changes not yet durable (last minus
 *       committed sequence number)</td></tr>
 * </table>
 *
 * <p>Every meter also carries the tags given to the constructor: name the knowledge base and its engine
 * there ({@code Tags.of("kb", "sales", "engine", "lucene")}) when a host has several. Meters read a snapshot
 * of the stats at most {@value #MAX_AGE_MILLIS} ms old, so one scrape reads them once. After the knowledge
 * base closes the meters keep their last values (counters never go back). As Micrometer does with the
 * objects it measures, the meters hold the knowledge base weakly: once the host lets go of it, they report
 * nothing (NaN).
 *
 * <p>Thread-safe.
 */
public final class KnowledgeBaseMetrics implements MeterBinder {
  /** How long one snapshot of the stats serves the meters, in milliseconds. */
  public static final long MAX_AGE_MILLIS = 100;

  private static final Map<String, Function<KnowledgeBaseStats, OperationStats>> OPERATIONS = Map.of(
      "put", KnowledgeBaseStats::puts,
      "delete", KnowledgeBaseStats::deletes,
      "search", KnowledgeBaseStats::searches,
      "similar", KnowledgeBaseStats::similar,
      "refresh", KnowledgeBaseStats::refreshes,
      "commit", KnowledgeBaseStats::commits);

  private final KnowledgeBase kb;
  private final Tags tags;
  private volatile Snapshot last;

  private record Snapshot(long atNanos, KnowledgeBaseStats stats) {}

  /**
   * Meters for a knowledge base.
   *
   * @param kb the knowledge base
   * @param tags tags every meter carries, e.g. the knowledge base's name and engine; empty for none
   * @throws io.zhiku.core.ValidationException if a part is missing
   */
  public KnowledgeBaseMetrics(KnowledgeBase kb, Iterable<Tag> tags) {
    this.kb = Checks.present("kb", kb);
    this.tags = Tags.of(Checks.present("tags", tags));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    OPERATIONS.forEach((name, part) -> {
      Tags t = tags.and("operation", name);
      FunctionTimer.builder("zhiku.operations", kb, k -> part.apply(stats()).count(),
              k -> part.apply(stats()).total().toNanos(), TimeUnit.NANOSECONDS)
          .tags(t).description("Knowledge base calls and their total time").register(registry);
      FunctionCounter.builder("zhiku.operations.failures", kb, k -> part.apply(stats()).failures())
          .tags(t).description("Knowledge base calls that threw").register(registry);
      TimeGauge.builder("zhiku.operations.max", kb, TimeUnit.NANOSECONDS, k -> part.apply(stats()).max().toNanos())
          .tags(t).description("The longest knowledge base call since it opened").register(registry);
    });
    gauge(registry, "zhiku.items", "Live items", s -> s.items());
    gauge(registry, "zhiku.uncommitted", "Changes not yet durable", s -> Math.max(0, s.lastSequence() - s.committedSequence()));
    counter(registry, "zhiku.items.written", "Items stored by puts", KnowledgeBaseStats::itemsWritten);
    counter(registry, "zhiku.events.recorded", "Usage events stored", KnowledgeBaseStats::eventsRecorded);
    counter(registry, "zhiku.version.conflicts", "Writes refused because the item had another version",
        KnowledgeBaseStats::versionConflicts);
  }

  private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<KnowledgeBaseStats> value) {
    Gauge.builder(name, kb, k -> value.applyAsDouble(stats())).tags(tags).description(description).register(registry);
  }

  private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<KnowledgeBaseStats> value) {
    FunctionCounter.builder(name, kb, k -> value.applyAsDouble(stats())).tags(tags).description(description)
        .register(registry);
  }

  /** The stats, at most {@link #MAX_AGE_MILLIS} old; the last ones once the knowledge base is closed. */
  private KnowledgeBaseStats stats() {
    Snapshot s = last;
    long now = System.nanoTime();
    if (s != null && now - s.atNanos() < TimeUnit.MILLISECONDS.toNanos(MAX_AGE_MILLIS)) {
      return s.stats();
    }
    try {
      s = new Snapshot(now, kb.stats());
      last = s;
      return s.stats();
    } catch (ZhikuException closed) {
      return s != null ? s.stats() : EMPTY;
    }
  }

  private static final KnowledgeBaseStats EMPTY = new KnowledgeBaseStats(0, 0, 0, OperationStats.NONE, 0, OperationStats.NONE, 0,
      OperationStats.NONE, OperationStats.NONE, 0, OperationStats.NONE, OperationStats.NONE);
}
