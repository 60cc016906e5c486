package io.zhiku.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.search.Suggestion;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The access-control conformance kit: every engine behind {@link KnowledgeBase} extends this class and
 * passes it. Seeded random corpora, ACLs, principals, churn (re-put with new ACLs, deletes) and
 * searches; every answer — the hits over all pages, the total count, the facet counts, the
 * suggestions — must equal a brute-force computation over the items {@link Acl#permits} lets the
 * principal read. Some words and a concept occur only in items nobody may read: they must never
 * produce a hit, a count, a facet value or a suggestion.
 *
 * <p>Replay a failure with {@code -Dzhiku.seed=...} (printed on failure). The kit lives in a test-only
 * package so that engines tested as named modules can see it.
 */
@Seeded
public abstract class AccessControlConformanceKit {
  /**
   * A builder of the knowledge base under test, on the engine under test, held in memory or in a
   * temporary directory. The kit sets the taxonomy, refresh interval and commit policy.
   *
   * @return a new builder
   */
  protected abstract KnowledgeBase.Builder newKnowledgeBase();

  private static final String[] USERS = {"u0", "u1", "u2", "u3", "u4"};
  private static final String[] GROUPS = {"g0", "g1", "g2", "g3"};
  private static final String[] ROLES = {"r0", "r1", "r2"};
  private static final String[] KINDS = {"solution", "case", "faq"};

  private static List<String> pick(Random r, String[] from, int max) {
    List<String> out = new ArrayList<>();
    for (int i = r.nextInt(max + 1); i > 0; i--) {
      out.add(from[r.nextInt(from.length)]);
    }
    return out;
  }

  private static Acl acl(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> Acl.PUBLIC;
      case 1 -> Acl.NOBODY;
      default -> Acl.allow(pick(r, USERS, 2), pick(r, GROUPS, 2), pick(r, ROLES, 1));
    };
  }

  /** c0 is the root; c1, c2 below it; c3 below both c1 and c2; "secret" is used only by unreadable items. */
  private static final Taxonomy TAXONOMY = Taxonomy.builder().scheme(ConceptScheme.of("s", "en", "S"))
      .concept(Concept.builder("c0", "s").build())
      .concept(Concept.builder("c1", "s").broader("c0").build())
      .concept(Concept.builder("c2", "s").broader("c0").build())
      .concept(Concept.builder("c3", "s").broader("c1", "c2").build())
      .concept(Concept.builder("secret", "s").prefLabel("en", "hiddenconcept").build())
      .build();

  /**
   * Checks one random corpus.
   *
   * @param r the seeded randomness
   */
  @RepeatedTest(12)
  public void everyAnswerEqualsBruteForceOverReadableItems(Random r) {
    List<KnowledgeItem> items = new ArrayList<>();
    try (KnowledgeBase kb = newKnowledgeBase().refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual())
        .taxonomy(TAXONOMY).build()) {
      int n = 30 + r.nextInt(90);
      for (int i = 0; i < n; i++) {
        Acl acl = acl(r);
        // w0..w9 are common words; "hidden" words appear only in items nobody may read.
        StringBuilder body = new StringBuilder();
        for (int k = 1 + r.nextInt(4); k > 0; k--) {
          body.append(" w").append(r.nextInt(10));
        }
        if (acl.equals(Acl.NOBODY)) {
          body.append(" hidden").append(r.nextInt(3));
        }
        List<String> concepts = pick(r, new String[] {"c0", "c1", "c2", "c3"}, 2);
        if (acl.equals(Acl.NOBODY) && r.nextBoolean()) {
          concepts.add("secret");
        }
        String title = "item " + i + (acl.equals(Acl.NOBODY) ? " hidden" + r.nextInt(3) : "");
        items.add(KnowledgeItem.builder("i" + i, ItemKind.of(KINDS[r.nextInt(KINDS.length)]), title)
            .body(body.toString().strip()).concepts(concepts).acl(acl).build());
      }
      kb.putAll(items);
      // Some churn: re-put a few with new ACLs and delete a few, so that old versions must not leak.
      for (int i = 0; i < 10; i++) {
        KnowledgeItem victim = items.get(r.nextInt(items.size()));
        if (r.nextBoolean()) {
          KnowledgeItem changed = victim.toBuilder().acl(acl(r)).build();
          kb.put(changed);
          items.set(items.indexOf(victim), changed);
        } else if (kb.delete(victim.id())) {
          items.remove(victim);
        }
      }
      kb.refresh();
      for (int q = 0; q < 25; q++) {
        Principal p = new Principal(USERS[r.nextInt(USERS.length)], new HashSet<>(pick(r, GROUPS, 2)), new HashSet<>(pick(r, ROLES, 1)));
        String word = r.nextInt(4) == 0 ? "hidden" + r.nextInt(3) : "w" + r.nextInt(10);
        boolean browse = r.nextInt(5) == 0;
        String kind = r.nextBoolean() ? KINDS[r.nextInt(KINDS.length)] : null;
        SearchRequest.Builder b = SearchRequest.builder(p).text(browse ? "" : word).pageSize(1 + r.nextInt(7)).facets("s");
        if (kind != null) {
          b.kinds(ItemKind.of(kind));
        }
        SearchRequest request = b.build();

        Set<String> expected = new TreeSet<>();
        Map<String, Long> expectedFacets = new TreeMap<>();
        for (KnowledgeItem item : items) {
          boolean text = browse || List.of(item.body().split(" ")).contains(word) || List.of(item.title().split(" ")).contains(word);
          if (item.acl().permits(p) && text && (kind == null || item.kind().name().equals(kind))) {
            expected.add(item.id());
            Set<String> reached = new HashSet<>();
            for (String c : item.concepts()) {
              reached.add(c);
              reached.addAll(TAXONOMY.ancestors(c));
            }
            reached.forEach(c -> expectedFacets.merge(c, 1L, Long::sum));
          }
        }
        Set<String> actual = new TreeSet<>();
        long total = -1;
        for (SearchResult page = kb.search(request); ; page = kb.search(request.after(page.nextCursor()))) {
          total = page.totalHits();
          Map<String, Long> facets = new TreeMap<>();
          page.facets().get("s").forEach(f -> facets.put(f.conceptId(), f.count()));
          assertEquals(expectedFacets, facets, "facets: " + p + " " + request.text());
          page.hits().forEach(h -> actual.add(h.item().id()));
          if (page.nextCursor() == null) {
            break;
          }
        }
        String what = p + " text=" + request.text() + " kind=" + kind;
        // Suggestions: every one readable; prefixes of words that only unreadable items carry give nothing.
        String prefix = r.nextBoolean() ? "hid" : "item";
        for (Suggestion sug : kb.suggest(new SuggestRequest(p, prefix, 50))) {
          if (sug.source() == Suggestion.Source.TITLE) {
            String id = sug.id();
            assertEquals(true, items.stream().anyMatch(it -> it.id().equals(id) && it.acl().permits(p)), "suggested " + sug + " to " + p);
          } else {
            assertEquals(true, items.stream().anyMatch(it -> it.acl().permits(p)
                && (it.concepts().contains(sug.id()) || it.concepts().stream().anyMatch(c -> TAXONOMY.ancestors(c).contains(sug.id())))),
                "suggested " + sug + " to " + p);
          }
        }
        if (prefix.equals("hid")) {
          // Only churn can make an item with a "hidden" word readable; the answer must be exactly those.
          Set<String> expectedSuggestions = new TreeSet<>();
          for (KnowledgeItem it : items) {
            if (it.acl().permits(p)) {
              if (it.title().contains(" hidden")) {
                expectedSuggestions.add("TITLE " + it.id());
              }
              if (it.concepts().contains("secret")) {
                expectedSuggestions.add("CONCEPT secret");
              }
            }
          }
          Set<String> suggested = new TreeSet<>();
          kb.suggest(new SuggestRequest(p, prefix, 50)).forEach(sug -> suggested.add(sug.source() + " " + sug.id()));
          assertEquals(expectedSuggestions, suggested, "suggestions for \"hid\" to " + p);
        }
        assertEquals(expected, actual, what);
        assertEquals(expected.size(), total, "total hits: " + what);
      }
    }
  }
}
