package io.zhiku.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseStats;
import io.zhiku.core.kb.OperationStats;
import java.util.Map;
import java.util.function.Function;

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
 * nothing (NaN). Push has its own binder, {@link PushMetrics}, whose push timer joins these as
 * {@code operation=push}.
 *
 * <p>Thread-safe.
 */
public final class KnowledgeBaseMetrics implements MeterBinder {
  /** How long one snapshot of the stats serves the meters, in milliseconds (for this binder and {@link PushMetrics}). */
  public static final long MAX_AGE_MILLIS = 100;

  private static final Map<String, Function<KnowledgeBaseStats, OperationStats>> OPERATIONS = Map.of(
      "put", KnowledgeBaseStats::puts,
      "delete", KnowledgeBaseStats::deletes,
      "search", KnowledgeBaseStats::searches,
      "similar", KnowledgeBaseStats::similar,
      "refresh", KnowledgeBaseStats::refreshes,
      "commit", KnowledgeBaseStats::commits);

  private static final KnowledgeBaseStats NONE = new KnowledgeBaseStats(0, 0, 0, OperationStats.NONE, 0, OperationStats.NONE, 0,
      OperationStats.NONE, OperationStats.NONE, 0, OperationStats.NONE, OperationStats.NONE);

  private final Meters<KnowledgeBase, KnowledgeBaseStats> meters;

  /**
   * Meters for a knowledge base.
   *
   * @param kb the knowledge base
   * @param tags tags every meter carries, e.g. the knowledge base's name and engine; empty for none
   * @throws io.zhiku.core.ValidationException if a part is missing
   */
  public KnowledgeBaseMetrics(KnowledgeBase kb, Iterable<Tag> tags) {
    this.meters = new Meters<>(Checks.present("kb", kb), KnowledgeBase::stats, NONE, Tags.of(Checks.present("tags", tags)));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    OPERATIONS.forEach((name, part) -> meters.operation(registry, name, part));
    meters.gauge(registry, "zhiku.items", "Live items", s -> s.items());
    meters.gauge(registry, "zhiku.uncommitted", "Changes not yet durable", s -> Math.max(0, s.lastSequence() - s.committedSequence()));
    meters.counter(registry, "zhiku.items.written", "Items stored by puts", KnowledgeBaseStats::itemsWritten);
    meters.counter(registry, "zhiku.events.recorded", "Usage events stored", KnowledgeBaseStats::eventsRecorded);
    meters.counter(registry, "zhiku.version.conflicts", "Writes refused because the item had another version",
        KnowledgeBaseStats::versionConflicts);
  }
}
