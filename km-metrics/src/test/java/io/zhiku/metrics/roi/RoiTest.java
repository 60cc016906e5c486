package io.zhiku.metrics.roi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.testkit.Seeded;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

@Seeded
class RoiTest {
  // Textbook values, computed by hand (and checked with an independent script).

  @Test
  void npvIrrAndPayback_ofAClassicProject() {
    double[] flows = {-1000, 300, 400, 500};
    assertEquals(-21.0368, CashFlows.npv(flows, 0.10), 1e-4);
    assertEquals(0.088963, CashFlows.irr(flows).rate().orElseThrow(), 1e-6);
    assertEquals(2.6, CashFlows.payback(flows).orElseThrow(), 1e-12); // -700, -300, then 300 of 500
  }

  @Test
  void irr_ofBrealeyMyersExamples_oneTwoOrNone() {
    // Principles of Corporate Finance: -4,000, +2,000, +4,000 has an IRR of 28.08%.
    assertEquals(0.280776, CashFlows.irr(new double[] {-4000, 2000, 4000}).rate().orElseThrow(), 1e-6);
    // The pump: -1,600, +10,000, -10,000 has two, 25% and 400%.
    Irr two = CashFlows.irr(new double[] {-1600, 10_000, -10_000});
    assertEquals(2, two.rates().size());
    assertEquals(0.25, two.rates().get(0), 1e-9);
    assertEquals(4.0, two.rates().get(1), 1e-9);
    assertTrue(two.rate().isEmpty());
    assertTrue(two.note().contains("2 rates"), two.note());
    // +1,000, -3,000, +2,500: the NPV is positive at every rate.
    Irr none = CashFlows.irr(new double[] {1000, -3000, 2500});
    assertTrue(none.rates().isEmpty());
    assertTrue(none.note().contains("does not cross zero"), none.note());
    Irr gains = CashFlows.irr(new double[] {100, 50});
    assertTrue(gains.rate().isEmpty());
    assertTrue(gains.note().contains("never change sign"), gains.note());
  }

  @Test
  void payback_zeroWhenNothingIsSpent_emptyWhenNeverRecovered() {
    assertEquals(0, CashFlows.payback(new double[] {0, 10}).orElseThrow());
    assertTrue(CashFlows.payback(new double[] {-100, 10, 10}).isEmpty());
    assertEquals(1.0, CashFlows.payback(new double[] {-100, 100}).orElseThrow());
  }

  @Test
  void model_showsEachLine_andComputesTheFigures() {
    RoiReport r = RoiModel.builder().years(5).discountRate(0.08)
        .cost(Cost.oneOff("licences and set-up", 200_000))
        .cost(Cost.perYear("curation", 120_000))
        .benefit(Benefit.timeSaved("search time saved", 6_000, 60)) // 360,000 a year
        .benefit(Benefit.fewerFailures("fewer failed projects", 40, 0.25, 0.15, 50_000)) // 200,000 a year
        .build().evaluate();
    assertEquals(6, r.flows().size());
    YearFlow y0 = r.flows().get(0);
    assertEquals(-200_000, y0.net());
    assertEquals(0.0, y0.benefits().get("search time saved"));
    assertEquals(0.0, y0.costs().get("curation"));
    YearFlow y1 = r.flows().get(1);
    assertEquals(List.of("search time saved", "fewer failed projects"), List.copyOf(y1.benefits().keySet()));
    assertEquals(360_000, y1.benefits().get("search time saved"), 1e-9);
    assertEquals(200_000, y1.benefits().get("fewer failed projects"), 1e-6);
    assertEquals(0.0, y1.costs().get("licences and set-up"));
    assertEquals(440_000, y1.net(), 1e-6);
    assertEquals(240_000, y1.cumulative(), 1e-6);
    assertEquals(440_000 / 1.08, y1.discounted(), 1e-6);
    assertEquals(2_800_000, r.totalBenefits(), 1e-6);
    assertEquals(800_000, r.totalCosts(), 1e-6);
    assertEquals(250, r.roiPercent(), 1e-9);
    assertEquals(1_556_792.42, r.npv(), 0.01); // 440,000 × 3.99271 annuity factor - 200,000
    assertEquals(200.0 / 440, r.paybackYears().orElseThrow(), 1e-12);
    assertEquals(200_000 / (440_000 / 1.08), r.discountedPaybackYears().orElseThrow(), 1e-12);
    assertEquals(2.19, r.irr().rate().orElseThrow(), 0.01); // 219%: 440k a year on 200k
  }

  @Test
  void model_withAYearlyBenefitList_andNoPaybackWithinTheHorizon() {
    RoiReport r = RoiModel.builder().years(3).discountRate(0.10).cost(Cost.oneOff("set-up", 1000))
        .benefit(new Benefit("reuse", List.of(300.0, 400.0, 500.0))).build().evaluate();
    assertEquals(-21.0368, r.npv(), 1e-4);
    assertEquals(20, r.roiPercent(), 1e-9);
    assertEquals(2.6, r.paybackYears().orElseThrow(), 1e-12);
    assertEquals(OptionalDouble.empty(), r.discountedPaybackYears()); // discounted, it never pays back
  }

  @RepeatedTest(20)
  void npvAtTheIrr_isZero(Random random) {
    double[] flows = new double[2 + random.nextInt(15)];
    flows[0] = -(1 + random.nextDouble() * 1e6);
    for (int t = 1; t < flows.length; t++) {
      flows[t] = random.nextDouble() * 1e6 * 2 / flows.length;
    }
    Irr irr = CashFlows.irr(flows);
    // One sign change: at most one rate; there is one exactly when the gains exceed the outlay somewhere
    // between -100% and 100,000%, which a positive undiscounted sum guarantees.
    assertTrue(irr.rates().size() <= 1, irr.toString());
    double sum = 0;
    for (double f : flows) {
      sum += f;
    }
    if (sum > 0) {
      double rate = irr.rate().orElseThrow();
      assertEquals(0, CashFlows.npv(flows, rate), 1e-6 * Math.abs(flows[0]), () -> "at " + rate);
      assertTrue(rate > 0);
    }
  }

  @RepeatedTest(20)
  void moreBenefit_neverLengthensPayback(Random random) {
    int years = 1 + random.nextInt(10);
    RoiModel.Builder base = RoiModel.builder().years(years).discountRate(random.nextDouble() * 0.2)
        .cost(Cost.oneOff("set-up", 1 + random.nextDouble() * 1e6))
        .cost(Cost.perYear("running", random.nextDouble() * 1e5))
        .benefit(Benefit.yearly("time saved", random.nextDouble() * 5e5));
    RoiReport before = base.build().evaluate();
    RoiReport after = base.benefit(Benefit.yearly("extra", random.nextDouble() * 5e5)).build().evaluate();
    if (before.paybackYears().isPresent()) {
      assertTrue(after.paybackYears().orElseThrow() <= before.paybackYears().getAsDouble() + 1e-12);
    }
    if (before.discountedPaybackYears().isPresent()) {
      assertTrue(after.discountedPaybackYears().orElseThrow() <= before.discountedPaybackYears().getAsDouble() + 1e-12);
    }
    assertTrue(after.npv() >= before.npv());
  }

  @Test
  void badInputs_areRefusedNamingTheField() {
    assertField("Cost.amount of \"x\"", () -> Cost.oneOff("x", -1));
    assertField("Cost.name", () -> Cost.perYear(" ", 1));
    assertField("RoiModel.discountRate", () -> RoiModel.builder().discountRate(-1).cost(Cost.oneOff("x", 1)).build());
    assertField("RoiModel.discountRate", () -> RoiModel.builder().discountRate(-1.5).cost(Cost.oneOff("x", 1)).build());
    assertField("rate", () -> CashFlows.npv(new double[] {1}, Double.NaN));
    assertField("RoiModel.years", () -> RoiModel.builder().years(0).cost(Cost.oneOff("x", 1)).build());
    assertField("RoiModel.costs", () -> RoiModel.builder().build());
    assertField("RoiModel.costs", () -> RoiModel.builder().cost(Cost.oneOff("x", 1)).cost(Cost.perYear("x", 1)).build());
    assertField("RoiModel.benefits", () -> RoiModel.builder().cost(Cost.oneOff("x", 1))
        .benefit(Benefit.yearly("b", 1)).benefit(Benefit.yearly("b", 2)).build());
    assertField("Benefit.yearly of \"b\"", () -> RoiModel.builder().years(3).cost(Cost.oneOff("x", 1))
        .benefit(new Benefit("b", List.of(1.0, 2.0))).build());
    assertField("Benefit.yearly[1] of \"b\"", () -> new Benefit("b", List.of(1.0, Double.POSITIVE_INFINITY)));
    assertField("failureRateAfter", () -> Benefit.fewerFailures("f", 10, 0.15, 0.25, 1));
    assertField("failureRateBefore", () -> Benefit.fewerFailures("f", 10, 1.5, 0.25, 1));
    assertField("hoursPerYear", () -> Benefit.timeSaved("t", -5, 60));
    assertField("flows", () -> CashFlows.irr(new double[0]));
    assertField("flows[1]", () -> CashFlows.payback(new double[] {1, Double.NaN}));
  }

  private static void assertField(String field, Executable call) {
    ValidationException e = assertThrows(ValidationException.class, call::execute);
    assertEquals(field, e.field(), e.getMessage());
    assertFalse(e.getMessage().isBlank());
  }

  /** Like JUnit's, without its checked exception. */
  @FunctionalInterface
  interface Executable {
    void execute();
  }
}
