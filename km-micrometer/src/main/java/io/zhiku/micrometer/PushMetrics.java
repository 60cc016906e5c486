package io.zhiku.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.kb.OperationStats;
import io.zhiku.push.KnowledgePush;
import io.zhiku.push.PushStats;

/**
 * Binds push's {@link KnowledgePush#stats()} to a Micrometer registry (km-push is an optional dependency of
 * this module: a host that uses push has it already):
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Name</th><th>Type</th><th>Tags</th><th>What</th></tr>
 *   <tr><td>{@code zhiku.operations}, {@code .failures}, {@code .max}</td><td>function timer, function
 *       counter, time gauge</td><td>{@code operation=push}</td><td>pushes computed (direct calls and those of
 *       published workflow events), the ones that threw, the longest; beside the knowledge base's operations
 *       of {@link KnowledgeBaseMetrics}</td></tr>
 *   <tr><td>{@code zhiku.push.workflow.events}</td><td>function counter</td><td></td><td>workflow events
 *       published</td></tr>
 *   <tr><td>{@code zhiku.notifications.queued}</td><td>gauge</td><td></td><td>deliveries waiting for the
 *       notification thread (at most {@value PushStats#QUEUE_CAPACITY})</td></tr>
 *   <tr><td>{@code zhiku.notifications.dropped}</td><td>function counter</td><td></td><td>deliveries dropped
 *       because the queue was full</td></tr>
 *   <tr><td>{@code zhiku.notifications.failures}</td><td>function counter</td><td></td><td>listener calls
 *       that threw</td></tr>
 * </table>
 *
 * <p>Give it the same tags as the knowledge base's binder. Like {@link KnowledgeBaseMetrics}, the meters
 * read a snapshot at most {@value KnowledgeBaseMetrics#MAX_AGE_MILLIS} ms old, keep their last values once
 * push is closed and hold push weakly.
 *
 * <p>Thread-safe.
 */
public final class PushMetrics implements MeterBinder {
  private static final PushStats NONE = new PushStats(OperationStats.NONE, 0, 0, 0, 0);

  private final Meters<KnowledgePush, PushStats> meters;

  /**
   * Meters for push.
   *
   * @param push push, built on the knowledge base
   * @param tags tags every meter carries, e.g. the knowledge base's name and engine; empty for none
   * @throws io.zhiku.core.ValidationException if a part is missing
   */
  public PushMetrics(KnowledgePush push, Iterable<Tag> tags) {
    this.meters = new Meters<>(Checks.present("push", push), KnowledgePush::stats, NONE, Tags.of(Checks.present("tags", tags)));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    meters.operation(registry, "push", PushStats::pushes);
    meters.counter(registry, "zhiku.push.workflow.events", "Workflow events published", PushStats::workflowEvents);
    meters.gauge(registry, "zhiku.notifications.queued", "Deliveries waiting for the notification thread",
        PushStats::notificationsQueued);
    meters.counter(registry, "zhiku.notifications.dropped", "Deliveries dropped because the notification queue was full",
        PushStats::notificationsDropped);
    meters.counter(registry, "zhiku.notifications.failures", "Listener calls that threw", PushStats::listenerFailures);
  }
}
