package io.zhiku.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.testkit.Seeded;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The JDK-only code that replaced Guava in km-core: order-keeping unmodifiable copies, the weak interner
 * and the id character classes, each against what it replaced (insertion order, equality, a regular
 * expression).
 */
@Seeded
class JdkReplacementsTest {
  @Test
  void copiesKeepInsertionOrder_refuseChanges_answerContainsNullWithFalse(Random random) {
    for (int size = 0; size < 40; size++) {
      List<String> values = new ArrayList<>();
      Map<String, Integer> entries = new LinkedHashMap<>();
      for (int i = 0; i < size; i++) {
        String v = "v" + random.nextInt(1000);
        values.add(v);
        entries.put(v, i);
      }
      Set<String> set = Immutables.set(values);
      assertEquals(values.stream().distinct().toList(), List.copyOf(set), "set order");
      assertEquals(values, Immutables.list(values), "list");
      Set<String> owned = Immutables.own(new java.util.LinkedHashSet<>(values));
      assertEquals(List.copyOf(set), List.copyOf(owned), "an owned set keeps its order");
      assertThrows(UnsupportedOperationException.class, () -> owned.add("x"));
      assertEquals(List.copyOf(entries.keySet()), List.copyOf(Immutables.own(new LinkedHashMap<>(entries)).keySet()));
      assertEquals(List.copyOf(entries.keySet()), List.copyOf(Immutables.map(entries).keySet()), "map order");
      assertFalse(set.contains(null));
      assertEquals(new HashSet<>(values), set, "equal to any set of the same elements");
      assertEquals(new HashSet<>(values).hashCode(), set.hashCode());
      assertEquals(set, owned);
      for (String v : values) {
        assertTrue(set.contains(v) && owned.contains(v), v);
      }
      assertFalse(set.contains("absent") || owned.contains("absent"));
      for (Set<String> s : List.of(set, owned)) {
        if (!s.isEmpty()) {
          assertThrows(UnsupportedOperationException.class, () -> s.remove(values.get(0)));
          assertThrows(UnsupportedOperationException.class, s::clear);
          assertThrows(UnsupportedOperationException.class, () -> s.removeIf(x -> true));
          assertThrows(UnsupportedOperationException.class, () -> s.retainAll(List.of()));
          assertThrows(UnsupportedOperationException.class, () -> s.removeAll(values));
          assertThrows(UnsupportedOperationException.class, () -> {
            var it = s.iterator();
            it.next();
            it.remove();
          });
        }
      }
      assertFalse(Immutables.list(values).contains(null));
      assertFalse(Immutables.map(entries).containsKey(null));
      assertThrows(UnsupportedOperationException.class, () -> set.add("x"));
      assertThrows(UnsupportedOperationException.class, () -> Immutables.map(entries).put("x", 1));
      assertThrows(UnsupportedOperationException.class, () -> Immutables.list(values).add("x"));
    }
    assertEquals(Map.of("a", Set.of("x")), Immutables.setMultimap(Map.of("a", List.of("x", "x"), "b", List.of())),
        "duplicates dropped, empty value sets dropped");
  }

  @Test
  void weakInterner_sharesOneInstanceAmongEqualValues() {
    WeakInterner<List<String>> interner = new WeakInterner<>();
    List<String> first = new ArrayList<>(List.of("a", "b"));
    List<String> equal = new ArrayList<>(List.of("a", "b"));
    assertNotSame(first, equal);
    assertSame(first, interner.intern(first));
    assertSame(first, interner.intern(equal));
    List<String> other = List.of("c");
    assertSame(other, interner.intern(other));
  }

  @Test
  void weakInterner_withCollidingHashes_sharesEqualValues_andForgetsCollectedOnes() throws InterruptedException {
    WeakInterner<List<String>> interner = new WeakInterner<>(v -> 7); // every value in one bucket
    List<List<String>> kept = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      List<String> v = new ArrayList<>(List.of("v" + i));
      assertSame(v, interner.intern(v));
      if (i % 2 == 0) {
        kept.add(v);
      }
    }
    assertEquals(100, interner.size());
    for (int attempt = 0; attempt < 50 && interner.size() > 50; attempt++) {
      System.gc();
      Thread.sleep(20);
    }
    assertEquals(50, interner.size(), "the values nobody holds are forgotten");
    List<List<String>> visited = new ArrayList<>();
    interner.forEach(visited::add);
    assertEquals(50, visited.size(), "forEach visits the live values, each once");
    assertTrue(visited.stream().allMatch(v -> kept.stream().anyMatch(k -> k == v)), "the very instances kept");
    for (int i = 0; i < 100; i++) {
      List<String> equal = new ArrayList<>(List.of("v" + i));
      assertSame(i % 2 == 0 ? kept.get(i / 2) : equal, interner.intern(equal), "value " + i);
    }
  }

  @Test
  void setHash_isOrderIndependent_andSpreadsConsecutiveIds() {
    assertEquals(Hashes.ofSet(List.of("a", "b", "c")), Hashes.ofSet(List.of("c", "a", "b")));
    Set<Integer> plain = new HashSet<>();
    Set<Integer> mixed = new HashSet<>();
    for (int a = 0; a < 100; a++) {
      for (int b = a + 1; b < 100; b++) {
        plain.add(Set.of("g" + a, "g" + b).hashCode());
        mixed.add(Hashes.ofSet(Set.of("g" + a, "g" + b)));
      }
    }
    assertTrue(plain.size() < 1000, "plain sums collide: " + plain.size() + " hashes for 4,950 pairs");
    assertEquals(99 * 100 / 2, mixed.size(), "every pair of 100 ids its own hash");
  }

  @Test
  void idCharacterClasses_agreeWithTheRuleAsARegularExpression(Random random) {
    String alphabet = "aZ09_.:@-é \u0000\u007f\u0080中/";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int n = random.nextInt(6); n >= 0; n--) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String id = b.toString();
      boolean valid = id.matches("[A-Za-z0-9_][A-Za-z0-9_.:@-]{0,127}");
      boolean accepted;
      try {
        Checks.id("field", id);
        accepted = true;
      } catch (ValidationException e) {
        accepted = false;
      }
      assertEquals(valid, accepted, () -> "id '" + id + "'");
    }
  }
}
