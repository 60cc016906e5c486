/**
 * Before-and-after comparisons of a KPI: a baseline period against a current one, with the absolute and
 * relative change, a verdict that follows the KPI's direction (a cycle time that falls from 180 to 120
 * days is -33% and an improvement), and an honest statement of uncertainty where sample sizes allow:
 * a bootstrap interval for a difference of means, a Newcombe-Wilson interval for a difference of rates,
 * and "not enough data" where there are too few observations.
 *
 * <p>Start with {@link io.zhiku.metrics.compare.Comparisons}.
 */
package io.zhiku.metrics.compare;
