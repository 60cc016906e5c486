package io.zhiku.push.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zhiku.testkit.Seeded;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** {@link Rings} against lists of recent distinct values, and of the values with the latest times. */
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

  @RepeatedTest(20)
  void aTimedRowHoldsTheValuesWithTheLatestTimes_whateverTheOrderTheyComeIn(Random r) {
    int length = 1 + r.nextInt(64);
    Rings rings = Rings.timed(length);
    List<Map<Integer, Long>> latest = new ArrayList<>(); // per row: value -> latest seconds
    Set<Long> usedSeconds = new HashSet<>(); // distinct times: the latest values are then one set
    int values = 1 + r.nextInt(3 * length);
    for (int step = r.nextInt(20_000); step > 0; step--) {
      if (latest.isEmpty() || r.nextInt(50) == 0) {
        rings.addRow();
        latest.add(new HashMap<>());
        continue;
      }
      long seconds = 1_700_000_000L + r.nextInt(100_000_000);
      if (!usedSeconds.add(seconds)) {
        continue;
      }
      int row = r.nextInt(latest.size());
      int v = r.nextInt(values);
      rings.remember(row, v, seconds * 1000 + r.nextInt(1000));
      latest.get(row).merge(v, seconds, Math::max);
    }
    for (int row = 0; row < latest.size(); row++) {
      Map<Integer, Long> expected = new HashMap<>();
      latest.get(row).entrySet().stream().sorted(Map.Entry.<Integer, Long>comparingByValue().reversed()).limit(length)
          .forEach(e -> expected.put(e.getKey(), e.getValue()));
      Map<Integer, Long> held = new HashMap<>();
      for (int k = 0; k < rings.size(row); k++) {
        held.put(rings.get(row, k), rings.seconds(row, k));
      }
      assertEquals(expected, held, "row " + row + " of timed rings of " + length);
    }
  }

  @Test
  void timesOutsideThirtyTwoUnsignedBitsOfSeconds_areClamped_andEachKindRefusesTheOthersCalls() {
    Rings timed = Rings.timed(2);
    timed.addRow();
    timed.remember(0, 7, -5_000L); // before 1970
    timed.remember(0, 8, Long.MAX_VALUE);
    assertEquals(0, timed.seconds(0, 0));
    assertEquals(0xFFFF_FFFFL, timed.seconds(0, 1), "past 2106: the latest time held");
    timed.remember(0, 9, 1000L);
    assertEquals(Set.of(8, 9), Set.of(timed.get(0, 0), timed.get(0, 1)), "one second after 1970 is later than before it");
    assertThrows(IllegalStateException.class, () -> timed.remember(0, 1));
    Rings untimed = new Rings(2);
    untimed.addRow();
    assertThrows(IllegalStateException.class, () -> untimed.remember(0, 1, 0L));
    untimed.remember(0, 1);
    assertThrows(IllegalStateException.class, () -> untimed.seconds(0, 0));
  }

  @Test
  void lengthIsChecked() {
    assertThrows(IllegalArgumentException.class, () -> new Rings(0));
    assertThrows(IllegalArgumentException.class, () -> new Rings(65));
  }
}
