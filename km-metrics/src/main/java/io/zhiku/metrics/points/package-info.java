/**
 * Incentive points: a ledger derived from events by configurable {@link
 * io.zhiku.metrics.points.PointRule}s (contribution, accepted answer, reuse by others, verification), with
 * daily caps and no points for acting on your own items, and leaderboards for the whole organisation or a
 * unit. Start with {@link io.zhiku.metrics.points.IncentivePoints#standard(java.time.ZoneId)}.
 */
package io.zhiku.metrics.points;
