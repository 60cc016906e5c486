package io.zhiku.metrics.kpi;

import io.zhiku.metrics.internal.Texts;
import java.util.Locale;

/** A standard KPI: a fixed definition, whose texts come from the metrics' texts by the KPI's id. */
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
  public final KpiDefinition definition(Locale locale) {
    Texts texts = Texts.of(locale);
    return texts == Texts.ENGLISH ? definition : described(texts, definition, textArguments());
  }

  /** @return the values of the {@code {0}}, {@code {1}}... in this KPI's texts; none by default */
  Object[] textArguments() {
    return new Object[0];
  }

  /** The definition with its name, definition and formula from the texts, by its id. */
  static KpiDefinition described(Texts texts, KpiDefinition d, Object... args) {
    String key = "kpi." + d.id();
    return new KpiDefinition(d.id(), texts.get(key + ".name", args), texts.get(key + ".definition", args),
        texts.get(key + ".formula", args), d.unit(), d.direction(), d.events(), d.everyEvent(), d.usesItems(), d.lookahead());
  }

  @Override
  public String toString() {
    return definition.id();
  }
}
