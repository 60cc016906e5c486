package io.zhiku.metrics.kpi;

import io.zhiku.core.NotFoundException;
import java.util.List;

/**
 * The KPIs of a catalogue computed for one period and segment.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param period the period
 * @param segment the segment
 * @param results one per KPI, in the catalogue's order
 */
public record KpiReport(KpiPeriod period, KpiSegment segment, List<KpiResult> results) {
  /**
   * Copies.
   *
   * @param period the period
   * @param segment the segment
   * @param results one per KPI, in the catalogue's order
   */
  public KpiReport {
    results = List.copyOf(results);
  }

  /**
   * One KPI's value.
   *
   * @param kpiId the KPI's id
   * @return its value
   * @throws NotFoundException if the report has no such KPI
   */
  public KpiValue value(String kpiId) {
    for (KpiResult r : results) {
      if (r.kpi().id().equals(kpiId)) {
        return r.value();
      }
    }
    throw new NotFoundException("KPI in this report", kpiId);
  }
}
