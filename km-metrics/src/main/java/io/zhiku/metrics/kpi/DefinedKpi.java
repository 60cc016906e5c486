package io.zhiku.metrics.kpi;

/** A KPI with a fixed definition. */
abstract class DefinedKpi implements Kpi {
  private final KpiDefinition definition;

  DefinedKpi(KpiDefinition definition) {
    this.definition = definition;
  }

  @Override
  public final KpiDefinition definition() {
    return definition;
  }

  @Override
  public String toString() {
    return definition.id();
  }
}
