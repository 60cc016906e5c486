package io.zhiku.metrics.kpi;

import io.zhiku.core.NotFoundException;
import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KPIs a host measures: the standard ones and its own, each under a unique id, in the order reports
 * list them. Immutable and thread-safe; {@link #with} returns a new catalogue.
 */
public final class KpiCatalogue {
  /** The most KPIs in a catalogue. */
  public static final int MAX_KPIS = 256;

  private final Map<String, Kpi> byId;

  private KpiCatalogue(Map<String, Kpi> byId) {
    this.byId = byId;
  }

  /**
   * The standard KPIs of {@link Kpis#standard()}.
   *
   * @return the catalogue
   */
  public static KpiCatalogue standard() {
    return of(Kpis.standard());
  }

  /**
   * A catalogue of exactly these KPIs.
   *
   * @param kpis the KPIs, with distinct ids, at most {@value #MAX_KPIS}
   * @return the catalogue
   * @throws ValidationException if a KPI is missing or an id repeats
   */
  public static KpiCatalogue of(Collection<? extends Kpi> kpis) {
    Checks.count("KpiCatalogue.kpis", Checks.present("kpis", kpis).size(), MAX_KPIS);
    Map<String, Kpi> byId = new LinkedHashMap<>();
    for (Kpi k : kpis) {
      String id = Checks.present("KpiCatalogue.kpi.definition", Checks.present("KpiCatalogue.kpi", k).definition()).id();
      if (byId.putIfAbsent(id, k) != null) {
        throw new ValidationException("KpiCatalogue.kpi.id", id, "must be unique in the catalogue");
      }
    }
    return new KpiCatalogue(byId);
  }

  /**
   * This catalogue with one more KPI: how a host registers its own.
   *
   * @param kpi the KPI; its id must not be in the catalogue yet
   * @return the new catalogue
   * @throws ValidationException if the id is taken or the catalogue is full
   */
  public KpiCatalogue with(Kpi kpi) {
    List<Kpi> all = new ArrayList<>(byId.values());
    all.add(kpi);
    return of(all);
  }

  /**
   * The KPIs, in order.
   *
   * @return an unmodifiable list
   */
  public List<Kpi> kpis() {
    return List.copyOf(byId.values());
  }

  /**
   * A KPI by id.
   *
   * @param id the id
   * @return the KPI
   * @throws NotFoundException if the catalogue has no KPI with that id
   */
  public Kpi get(String id) {
    Kpi k = byId.get(id);
    if (k == null) {
      throw new NotFoundException("KPI", id);
    }
    return k;
  }
}
