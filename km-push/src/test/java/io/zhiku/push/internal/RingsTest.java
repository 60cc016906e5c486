package io.zhiku.push.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zhiku.testkit.Seeded;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** {@link Rings} against lists of recent distinct values. */
@Seeded
class RingsTest {
  @RepeatedTest(20)
  void eachRowHoldsItsMostRecentDistinctValues(Random r) {
    int length = 1 + r.nextInt(64);
    Rings rings = new Rings(length);
    List<List<Integer>> model = new ArrayList<>();
    int values = 1 + r.nextInt(3 * length);
    for (int step = r.nextInt(20_000); step > 0; step--) {
      if (model.isEmpty() || r.nextInt(50) == 0) {
        rings.addRow();
        model.add(new ArrayList<>());
        continue;
      }
      int row = r.nextInt(model.size());
      int v = r.nextInt(values);
      rings.remember(row, v);
      List<Integer> m = model.get(row);
      if (!m.contains(v)) { // a value already held keeps its place: only new values push the oldest out
        if (m.size() == length) {
          m.remove(0);
        }
        m.add(v);
      }
    }
    for (int row = 0; row < model.size(); row++) {
      Set<Integer> held = new HashSet<>();
      for (int k = 0; k < rings.size(row); k++) {
        held.add(rings.get(row, k));
      }
      assertEquals(new HashSet<>(model.get(row)), held, "row " + row + " of rings of " + length);
      assertEquals(model.get(row).size(), rings.size(row));
    }
  }

  @Test
  void lengthIsChecked() {
    assertThrows(IllegalArgumentException.class, () -> new Rings(0));
    assertThrows(IllegalArgumentException.class, () -> new Rings(65));
  }
}
