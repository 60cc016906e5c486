package io.zhiku.push;

import io.zhiku.core.kb.OperationStats;

/**
 * What push has done since it was built, for a host's monitoring ({@link KnowledgePush#stats()}). Counters
 * only grow while push is open; they start at zero when it is built and are not stored.
 *
 * <p>A value, a snapshot taken without stopping anything (two counters may be a call apart): immutable and
 * thread-safe.
 *
 * @param pushes pushes computed: {@link KnowledgePush#push} calls and the pushes of published workflow
 *     events (computed on the notification thread), with their failures and durations
 * @param workflowEvents {@link KnowledgePush#publish} calls
 * @param notificationsQueued deliveries waiting for the notification thread now (workflow pushes, item
 *     notifications, subscription renewals), at most {@value #QUEUE_CAPACITY}
 * @param notificationsDropped deliveries dropped because the queue was full (each one is logged)
 * @param listenerFailures listener calls (and queued tasks) that threw; each one is logged and the host's
 *     call was not affected
 */
public record PushStats(
    OperationStats pushes,
    long workflowEvents,
    int notificationsQueued,
    long notificationsDropped,
    long listenerFailures) {
  /** The most deliveries that wait for the notification thread at once; more are dropped. */
  public static final int QUEUE_CAPACITY = 10_000;
}
