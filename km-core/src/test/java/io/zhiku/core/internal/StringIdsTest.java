package io.zhiku.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zhiku.testkit.Seeded;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** {@link StringIds} against a {@code HashMap} and a list, with frozen views taken along the way. */
@Seeded
class StringIdsTest {
  @RepeatedTest(20)
  void numbersEqualAMapsAndFrozenViewsKeepTheirMoment(Random r) {
    StringIds ids = new StringIds();
    Map<String, Integer> model = new HashMap<>();
    List<String> order = new ArrayList<>();
    List<StringIds.Frozen> views = new ArrayList<>();
    List<Integer> viewSizes = new ArrayList<>();
    int n = 1 + r.nextInt(5_000);
    int alphabet = 1 + r.nextInt(3 * n);
    for (int i = 0; i < n; i++) {
      // Ids that differ in their last characters only, as item ids do.
      String s = "item-" + r.nextInt(alphabet);
      Integer expected = model.get(s);
      if (expected == null) {
        expected = order.size();
        model.put(s, expected);
        order.add(s);
      }
      assertEquals(expected, ids.add(new String(s)), s); // equal, not the same instance
      if (r.nextInt(500) == 0) {
        views.add(ids.frozen());
        viewSizes.add(ids.size());
      }
    }
    assertEquals(order.size(), ids.size());
    for (int k = 0; k < order.size(); k++) {
      assertEquals(k, ids.find(order.get(k)));
      assertEquals(order.get(k), ids.get(k));
    }
    assertEquals(-1, ids.find("item-" + alphabet), "never added");
    for (int v = 0; v < views.size(); v++) {
      for (int k = 0; k < order.size(); k++) {
        assertEquals(k < viewSizes.get(v) ? k : -1, views.get(v).find(order.get(k)), "view " + v + ", " + order.get(k));
      }
    }
  }

  @Test
  void keepsTheFirstInstance_andRejectsNumbersItNeverGave() {
    StringIds ids = new StringIds();
    String first = new String("a");
    ids.add(first);
    ids.add(new String("a"));
    assertSame(first, ids.get(0));
    assertThrows(IndexOutOfBoundsException.class, () -> ids.get(1));
    assertThrows(NullPointerException.class, () -> ids.add(null));
  }
}
