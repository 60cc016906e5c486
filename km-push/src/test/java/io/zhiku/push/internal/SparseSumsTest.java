package io.zhiku.push.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zhiku.testkit.Seeded;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;

/** {@link SparseSums} against a map: sums, growth, scaling and the slots a scan reads. */
@Seeded
class SparseSumsTest {
  @RepeatedTest(20)
  void sums_equalAMapOfSums(Random r) {
    SparseSums sums = new SparseSums();
    Map<Integer, Double> model = new HashMap<>();
    int items = 1 + r.nextInt(r.nextBoolean() ? 20 : 100_000);
    for (int k = r.nextInt(20_000); k > 0; k--) {
      int item = r.nextInt(items);
      double v = r.nextInt(5) - 1;
      sums.add(item, v);
      model.merge(item, v, Double::sum);
      if (r.nextInt(5_000) == 0) {
        double f = r.nextDouble();
        sums.scale(f);
        model.replaceAll((i, x) -> x * f);
      }
    }
    assertEquals(model.size(), sums.size());
    Map<Integer, Double> scanned = new HashMap<>();
    for (int s = 0; s < sums.slots(); s++) {
      if (sums.itemAt(s) >= 0) {
        scanned.put(sums.itemAt(s), sums.valueAt(s));
      }
    }
    assertEquals(model.keySet(), scanned.keySet());
    for (int i = 0; i < Math.min(items, 2_000); i++) {
      assertEquals(model.getOrDefault(i, 0.0), sums.get(i), 1e-9, "item " + i);
      assertEquals(model.getOrDefault(i, 0.0), scanned.getOrDefault(i, 0.0), 1e-9, "scanned item " + i);
    }
  }

  @RepeatedTest(20)
  void prune_keepsTheLargestSums_andTheTableStaysUsable(Random r) {
    SparseSums sums = new SparseSums();
    Map<Integer, Double> model = new HashMap<>();
    int items = 1 + r.nextInt(5_000);
    for (int k = r.nextInt(20_000); k > 0; k--) {
      int item = r.nextInt(items);
      double v = r.nextInt(4) - 1; // ties at the cut are common
      sums.add(item, v);
      model.merge(item, v, Double::sum);
    }
    int keep = r.nextInt(model.size() + 2);
    int before = sums.size();
    int forgotten = sums.prune(keep);
    assertEquals(Math.min(keep, before), sums.size());
    assertEquals(before - sums.size(), forgotten);
    double lowestKept = Double.POSITIVE_INFINITY;
    for (int s = 0; s < sums.slots(); s++) {
      if (sums.itemAt(s) >= 0) {
        assertEquals(model.get(sums.itemAt(s)), sums.valueAt(s), 1e-9, "a kept sum is unchanged");
        lowestKept = Math.min(lowestKept, sums.valueAt(s));
      }
    }
    for (Map.Entry<Integer, Double> e : model.entrySet()) {
      if (!sums.contains(e.getKey())) {
        assertEquals(true, e.getValue() <= lowestKept, "forgot " + e + " while keeping " + lowestKept);
        assertEquals(0.0, sums.get(e.getKey()));
      }
    }
    // Adding after a prune: the table grows again and forgotten items start from zero.
    int fresh = items + 1;
    assertEquals(true, sums.add(fresh, 2.5));
    assertEquals(false, sums.add(fresh, 1));
    assertEquals(3.5, sums.get(fresh));
  }
}
