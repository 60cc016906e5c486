package io.zhiku.metrics.points;

/**
 * A place on a leaderboard.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param rank 1 for the most points; people with equal points share a rank
 * @param userId who
 * @param points their points in the period
 */
public record Standing(int rank, String userId, long points) {}
