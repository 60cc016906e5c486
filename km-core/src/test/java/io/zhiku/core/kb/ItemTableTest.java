package io.zhiku.core.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.search.ScoredItem;
import io.zhiku.testkit.Seeded;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** {@link ItemTable} against a map of summaries searched by brute force. */
@Seeded
class ItemTableTest {
  private static final Principal ANN = Principal.of("ann", List.of("sales"), List.of("manager"));

  @RepeatedTest(20)
  void visibleAndNewest_equalBruteForce_throughPutsReplacementsAndRemovals(Random r) {
    // The default bounds hold every item in time order; small ones keep only some (refilled after deletions).
    boolean small = r.nextBoolean();
    int scan = small ? 1 + r.nextInt(30) : ItemTable.NEWEST_SCAN;
    ItemTable table = small ? new ItemTable(scan, scan + r.nextInt(30)) : new ItemTable();
    Map<String, ItemSummary> model = new HashMap<>();
    for (int step = 0; step < 600; step++) {
      String id = "i" + r.nextInt(150);
      if (r.nextInt(6) == 0) {
        table.remove(id);
        model.remove(id);
      } else {
        // Few distinct times, so that replacements often sort equal to what they replace.
        ItemSummary s = new ItemSummary(id, acl(r), concepts(r), ItemStatus.values()[r.nextInt(ItemStatus.values().length)],
            1_000L * r.nextInt(20));
        table.put(s);
        model.put(id, s);
      }
    }
    assertEquals(model.size(), table.size());
    model.forEach((id, s) -> assertEquals(Optional.of(s), table.get(id)));
    for (int q = 0; q < 20; q++) {
      Principal p = principal(r);
      Set<String> concepts = r.nextBoolean() ? Set.of() : concepts(r);
      List<String> ids = new ArrayList<>();
      for (int k = r.nextInt(60); k > 0; k--) {
        ids.add("i" + r.nextInt(200)); // some never stored
      }
      Set<String> expected = new HashSet<>();
      for (String id : ids) {
        ItemSummary s = model.get(id);
        if (s != null && under(s, concepts) && s.acl().permits(p)) {
          expected.add(id);
        }
      }
      assertEquals(expected, table.visible(p, ids, concepts), "visible to " + p + " under " + concepts);

      int limit = 1 + r.nextInt(30);
      assertEquals(newest(model, scan, p, concepts, limit), table.newest(p, concepts, limit),
          "newest for " + p + " under " + concepts + ", looking through " + scan);
    }
  }

  @Test
  void newest_givesUpAfterTheScanLimit_soThatTheEngineAnswersRareQuestions() {
    ItemTable table = new ItemTable();
    for (int i = 0; i < ItemTable.NEWEST_SCAN; i++) {
      table.put(new ItemSummary("common" + i, Acl.PUBLIC, Set.of("common"), ItemStatus.PUBLISHED, 10_000 + i));
    }
    table.put(new ItemSummary("rare", Acl.PUBLIC, Set.of("rare"), ItemStatus.PUBLISHED, 1));
    assertEquals(Optional.empty(), table.newest(ANN, Set.of("rare"), 1));
    assertEquals(Optional.of(List.of(new ScoredItem("common" + (ItemTable.NEWEST_SCAN - 1), 10_000 + ItemTable.NEWEST_SCAN - 1))),
        table.newest(ANN, Set.of("common"), 1));
    table.remove("common0");
    assertEquals(Optional.of(List.of(new ScoredItem("rare", 1))), table.newest(ANN, Set.of("rare"), 1),
        "within the scan once fewer items are newer");
  }

  @Test
  void equalAclsAndConceptSets_areShared() {
    ItemTable table = new ItemTable();
    table.put(new ItemSummary("a", Acl.allow(List.of(), List.of("sales"), List.of()), Set.of("c1", "c2"), ItemStatus.PUBLISHED, 1));
    table.put(new ItemSummary("b", Acl.allow(List.of(), List.of("sales"), List.of()), Set.of("c2", "c1"), ItemStatus.DRAFT, 2));
    ItemSummary a = table.get("a").orElseThrow();
    ItemSummary b = table.get("b").orElseThrow();
    assertTrue(a.acl() == b.acl() && a.concepts() == b.concepts());
  }

  /** The newest readable published items among the {@code scan} newest of the model, or empty if too few. */
  private static Optional<List<ScoredItem>> newest(Map<String, ItemSummary> model, int scan, Principal p, Set<String> concepts,
      int limit) {
    List<ItemSummary> byTime = model.values().stream()
        .sorted(Comparator.comparingLong(ItemSummary::updatedMillis).reversed().thenComparing(ItemSummary::id)).toList();
    List<ScoredItem> out = byTime.stream().limit(scan)
        .filter(s -> s.status() == ItemStatus.PUBLISHED && under(s, concepts) && s.acl().permits(p))
        .limit(limit).map(s -> new ScoredItem(s.id(), s.updatedMillis())).toList();
    return out.size() == limit || byTime.size() <= scan ? Optional.of(out) : Optional.empty();
  }

  private static Acl acl(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> Acl.PUBLIC;
      case 1 -> Acl.NOBODY;
      case 2 -> Acl.users("u" + r.nextInt(4));
      case 3 -> Acl.roles("r" + r.nextInt(3));
      default -> Acl.allow(List.of(), List.of("g" + r.nextInt(4), "g" + r.nextInt(4)), List.of());
    };
  }

  private static Set<String> concepts(Random r) {
    Set<String> out = new HashSet<>();
    for (int k = r.nextInt(3); k > 0; k--) {
      out.add("c" + r.nextInt(6));
    }
    return out;
  }

  private static Principal principal(Random r) {
    return Principal.of("u" + r.nextInt(5), List.of("g" + r.nextInt(5)), List.of("r" + r.nextInt(4)));
  }

  private static boolean under(ItemSummary s, Set<String> concepts) {
    return concepts.isEmpty() || s.concepts().stream().anyMatch(concepts::contains);
  }
}
