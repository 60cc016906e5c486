package io.zhiku.metrics.roi;

import io.zhiku.core.ValidationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The return on investment of a knowledge-management programme over a horizon of years: one-off costs
 * in year 0, yearly costs and benefits in years 1 to n, each shown separately.
 *
 * <pre>{@code
 * RoiReport r = RoiModel.builder().years(5).discountRate(0.08)
 *     .cost(Cost.oneOff("licences and set-up", 200_000))
 *     .cost(Cost.perYear("curation, two people", 120_000))
 *     .benefit(Benefit.timeSaved("search time saved", 6_000, 60))
 *     .benefit(Benefit.fewerFailures("fewer failed projects", 40, 0.25, 0.15, 50_000))
 *     .build().evaluate();
 * }</pre>
 *
 * <p>A value: immutable and thread-safe; the builder is not thread-safe.
 *
 * @param years the horizon, 1 to {@value CashFlows#MAX_YEARS}
 * @param discountRate per year, above -1 (0.08 for 8%)
 * @param costs the costs, at least one with an amount above 0, names distinct
 * @param benefits the benefits, names distinct; each has one amount or one per year of the horizon
 */
public record RoiModel(int years, double discountRate, List<Cost> costs, List<Benefit> benefits) {
  /**
   * Checks and copies.
   *
   * @param years the horizon, 1 to {@value CashFlows#MAX_YEARS}
   * @param discountRate per year, above -1 (0.08 for 8%)
   * @param costs the costs, at least one with an amount above 0, names distinct
   * @param benefits the benefits, names distinct; each has one amount or one per year of the horizon
   */
  public RoiModel {
    if (years < 1 || years > CashFlows.MAX_YEARS) {
      throw new ValidationException("RoiModel.years", years, "1 to " + CashFlows.MAX_YEARS);
    }
    CashFlows.checkRate("RoiModel.discountRate", discountRate);
    costs = List.copyOf(costs);
    benefits = List.copyOf(benefits);
    distinct("RoiModel.costs", costs.stream().map(Cost::name).toList());
    distinct("RoiModel.benefits", benefits.stream().map(Benefit::name).toList());
    if (costs.stream().noneMatch(c -> c.amount() > 0)) {
      throw new ValidationException("RoiModel.costs", costs, "at least one cost above 0: ROI is relative to what was spent");
    }
    for (Benefit b : benefits) {
      if (b.yearly().size() != 1 && b.yearly().size() != years) {
        throw new ValidationException("Benefit.yearly of \"" + b.name() + "\"", b.yearly().size() + " amounts",
            "one amount, or one per year of the horizon (" + years + ")");
      }
    }
  }

  private static void distinct(String field, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw new ValidationException(field, n, "each name once");
      }
    }
  }

  /**
   * A builder: 5 years at 8% unless set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Computes the flows and figures.
   *
   * @return the report
   */
  public RoiReport evaluate() {
    return evaluate(Locale.ENGLISH);
  }

  /**
   * Computes the flows and figures, with the IRR's note in a reader's language.
   *
   * @param locale the note's language: simplified Chinese for any {@code zh} locale, else English
   * @return the report
   */
  public RoiReport evaluate(Locale locale) {
    double[] net = new double[years + 1];
    List<Map<String, Double>> benefitsByYear = new ArrayList<>();
    List<Map<String, Double>> costsByYear = new ArrayList<>();
    double totalBenefits = 0;
    double totalCosts = 0;
    for (int t = 0; t <= years; t++) {
      Map<String, Double> b = new LinkedHashMap<>();
      Map<String, Double> c = new LinkedHashMap<>();
      for (Benefit benefit : benefits) {
        b.put(benefit.name(), t == 0 ? 0 : benefit.in(t));
      }
      for (Cost cost : costs) {
        c.put(cost.name(), cost.yearly() == (t > 0) ? cost.amount() : 0);
      }
      double in = b.values().stream().mapToDouble(Double::doubleValue).sum();
      double out = c.values().stream().mapToDouble(Double::doubleValue).sum();
      totalBenefits += in;
      totalCosts += out;
      net[t] = in - out;
      benefitsByYear.add(b);
      costsByYear.add(c);
    }
    List<YearFlow> flows = new ArrayList<>();
    double[] discounted = new double[years + 1];
    double cumulative = 0;
    for (int t = 0; t <= years; t++) {
      cumulative += net[t];
      discounted[t] = net[t] / Math.pow(1 + discountRate, t);
      flows.add(new YearFlow(t, benefitsByYear.get(t), costsByYear.get(t), net[t], cumulative, discounted[t]));
    }
    double npv = 0;
    for (double d : discounted) {
      npv += d;
    }
    return new RoiReport(flows, discountRate, totalBenefits, totalCosts, (totalBenefits - totalCosts) / totalCosts * 100,
        npv, CashFlows.irr(net, locale), CashFlows.payback(net), CashFlows.payback(discounted));
  }

  /** Builds an {@link RoiModel}. Not thread-safe. */
  public static final class Builder {
    private int years = 5;
    private double discountRate = 0.08;
    private final List<Cost> costs = new ArrayList<>();
    private final List<Benefit> benefits = new ArrayList<>();

    private Builder() {}

    /**
     * @param n the horizon in years, 1 to {@value CashFlows#MAX_YEARS} (checked by {@link #build()})
     * @return this builder
     */
    public Builder years(int n) {
      this.years = n;
      return this;
    }

    /**
     * @param rate per year, above -1 (checked by {@link #build()})
     * @return this builder
     */
    public Builder discountRate(double rate) {
      this.discountRate = rate;
      return this;
    }

    /**
     * @param cost a cost (one-off or yearly)
     * @return this builder
     * @throws ValidationException if it is {@code null}
     */
    public Builder cost(Cost cost) {
      if (cost == null) {
        throw new ValidationException("cost", null, "a Cost");
      }
      costs.add(cost);
      return this;
    }

    /**
     * @param benefit a benefit
     * @return this builder
     * @throws ValidationException if it is {@code null}
     */
    public Builder benefit(Benefit benefit) {
      if (benefit == null) {
        throw new ValidationException("benefit", null, "a Benefit");
      }
      benefits.add(benefit);
      return this;
    }

    /**
     * The model.
     *
     * @return the model
     * @throws ValidationException if the horizon, rate, costs or benefits break the rules of {@link RoiModel}
     */
    public RoiModel build() {
      return new RoiModel(years, discountRate, costs, benefits);
    }
  }
}
