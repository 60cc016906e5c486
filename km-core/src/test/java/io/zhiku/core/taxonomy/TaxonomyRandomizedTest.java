package io.zhiku.core.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.testkit.Seeded;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Random taxonomy edits checked against a deliberately naive reference model (a map from concept to
 * parents, with recursive definitions of every query). No cycle may ever be accepted; every accepted
 * edit must agree with the model.
 */
@Seeded
class TaxonomyRandomizedTest {
  /** The reference: concept id → parent ids. */
  private final Map<String, Set<String>> parents = new LinkedHashMap<>();

  @RepeatedTest(20)
  void randomEdits_agreeWithReferenceModel(Random random) {
    Taxonomy.Builder builder = Taxonomy.builder().scheme(ConceptScheme.of("s", "en", "S"));
    for (int step = 0; step < 300; step++) {
      List<String> existing = new ArrayList<>(parents.keySet());
      if (!existing.isEmpty() && random.nextInt(10) == 0) {
        String victim = existing.get(random.nextInt(existing.size()));
        builder.removeConcept(victim);
        parents.remove(victim);
        parents.values().forEach(p -> p.remove(victim));
        continue;
      }
      // Re-define an existing concept (may close a cycle) or add a new one.
      String id = !existing.isEmpty() && random.nextInt(3) == 0
          ? existing.get(random.nextInt(existing.size()))
          : "c" + step;
      Set<String> newParents = new LinkedHashSet<>();
      int n = existing.isEmpty() ? 0 : random.nextInt(Math.min(4, existing.size()) + 1);
      for (int i = 0; i < n; i++) {
        String p = existing.get(random.nextInt(existing.size()));
        if (!p.equals(id)) {
          newParents.add(p);
        }
      }
      Concept concept = Concept.builder(id, "s").broader(newParents).prefLabel("en", "Label " + id).build();
      if (closesCycle(id, newParents)) {
        assertThrows(TaxonomyCycleException.class, () -> builder.concept(concept), id + " <- " + newParents);
      } else {
        builder.concept(concept);
        parents.put(id, new LinkedHashSet<>(newParents));
      }
      if (step % 50 == 49) {
        check(builder.build());
      }
    }
    check(builder.build());
  }

  private boolean closesCycle(String id, Set<String> newParents) {
    for (String p : newParents) {
      if (p.equals(id) || naiveAncestors(p).contains(id)) {
        return true;
      }
    }
    return false;
  }

  private void check(Taxonomy t) {
    assertEquals(parents.keySet(), Set.copyOf(t.concepts().stream().map(Concept::id).toList()));
    for (String id : parents.keySet()) {
      Set<String> ancestors = naiveAncestors(id);
      assertTrue(!ancestors.contains(id), "cycle accepted at " + id);
      assertEquals(ancestors, Set.copyOf(t.ancestors(id)), "ancestors of " + id);
      assertEquals(naiveDescendants(id), Set.copyOf(t.descendants(id)), "descendants of " + id);
      assertEquals(naiveChildren(id), t.narrower(id), "narrower of " + id);
      assertEquals(Set.copyOf(naivePaths(id)), Set.copyOf(t.pathsToTop(id)), "paths of " + id);
      assertEquals(t.pathsToTop(id).size(), naivePaths(id).size(), "no duplicate paths for " + id);
      assertEquals(naiveDepth(id), t.depth(id), "depth of " + id);
      if (parents.get(id).isEmpty()) {
        assertTrue(t.topConcepts("s").contains(id), id + " is a root");
      }
    }
  }

  private Set<String> naiveAncestors(String id) {
    Set<String> out = new HashSet<>();
    for (String p : parents.getOrDefault(id, Set.of())) {
      if (out.add(p)) {
        out.addAll(naiveAncestors(p));
      }
    }
    return out;
  }

  private Set<String> naiveChildren(String id) {
    Set<String> out = new HashSet<>();
    parents.forEach((child, ps) -> {
      if (ps.contains(id)) {
        out.add(child);
      }
    });
    return out;
  }

  private Set<String> naiveDescendants(String id) {
    Set<String> out = new HashSet<>();
    for (String c : naiveChildren(id)) {
      out.add(c);
      out.addAll(naiveDescendants(c));
    }
    return out;
  }

  private List<List<String>> naivePaths(String id) {
    List<List<String>> out = new ArrayList<>();
    if (parents.get(id).isEmpty()) {
      out.add(List.of(id));
    }
    for (String p : parents.get(id)) {
      for (List<String> up : naivePaths(p)) {
        List<String> path = new ArrayList<>(up);
        path.add(id);
        out.add(path);
      }
    }
    return out;
  }

  private int naiveDepth(String id) {
    if (parents.get(id).isEmpty()) {
      return 0;
    }
    int best = Integer.MAX_VALUE;
    for (String p : parents.get(id)) {
      best = Math.min(best, 1 + naiveDepth(p));
    }
    return best;
  }
}
