package io.zhiku.metrics.points;

import java.time.Instant;

/**
 * One line of the ledger: who earned how many points, by which rule, for which event.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param earner the user id that earned
 * @param points points earned, fewer than the rule's when the daily cap cut them
 * @param ruleId the rule
 * @param time when the event happened
 * @param sequence the event's sequence number in its store
 * @param actor who acted
 * @param itemId the item acted on, or {@code null}
 */
public record PointEntry(String earner, int points, String ruleId, Instant time, long sequence, String actor, String itemId) {}
