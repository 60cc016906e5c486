package io.zhiku.testkit;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

/**
 * The random corpora, ACLs and principals of {@link AccessControlKit}, for access tests of modules built
 * on a knowledge base (push, the graph) that check their answers against the same brute force: a few
 * users, groups and roles, so that ACLs overlap often; words {@code w0..w9} everywhere; the words {@code
 * hidden0..hidden2} and the concept {@code secret} only in items nobody may read.
 *
 * <p>Stateless; the randomness comes from the caller (seeded, see {@link Seeded}). Thread-safe.
 */
public final class AccessFixtures {
  /** The user ids principals are drawn from: u0 to u4. */
  public static final List<String> USERS = List.of("u0", "u1", "u2", "u3", "u4");
  /** The groups ACLs and principals name: g0 to g3. */
  public static final List<String> GROUPS = List.of("g0", "g1", "g2", "g3");
  /** The roles ACLs and principals name: r0 to r2. */
  public static final List<String> ROLES = List.of("r0", "r1", "r2");
  /** The item kinds of the corpus. */
  public static final List<String> KINDS = List.of("solution", "case", "faq");

  /**
   * The taxonomy of the corpus: scheme {@code s}; c0 is the root, c1 and c2 are below it, c3 is below
   * both c1 and c2; {@code secret} (label "hiddenconcept") classifies only items nobody may read.
   */
  public static final Taxonomy TAXONOMY = Taxonomy.builder().scheme(ConceptScheme.of("s", "en", "S"))
      .concept(Concept.builder("c0", "s").build())
      .concept(Concept.builder("c1", "s").broader("c0").build())
      .concept(Concept.builder("c2", "s").broader("c0").build())
      .concept(Concept.builder("c3", "s").broader("c1", "c2").build())
      .concept(Concept.builder("secret", "s").prefLabel("en", "hiddenconcept").build())
      .build();

  private AccessFixtures() {}

  /**
   * One of some values, at random.
   *
   * @param r the randomness
   * @param from the values, not empty
   * @return one of them
   */
  public static String any(Random r, List<String> from) {
    return from.get(r.nextInt(from.size()));
  }

  /**
   * Up to {@code max} values drawn with repetition.
   *
   * @param r the randomness
   * @param from the values, not empty
   * @param max the most values drawn
   * @return 0 to {@code max} values
   */
  public static List<String> pick(Random r, List<String> from, int max) {
    List<String> out = new ArrayList<>();
    for (int i = r.nextInt(max + 1); i > 0; i--) {
      out.add(any(r, from));
    }
    return out;
  }

  /**
   * A random ACL: public (one in six), nobody (one in six), or allowing up to two users, two groups and
   * one role.
   *
   * @param r the randomness
   * @return the ACL
   */
  public static Acl acl(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> Acl.PUBLIC;
      case 1 -> Acl.NOBODY;
      default -> Acl.allow(pick(r, USERS, 2), pick(r, GROUPS, 2), pick(r, ROLES, 1));
    };
  }

  /**
   * A principal with up to two groups and one role.
   *
   * @param r the randomness
   * @param user the user id
   * @return the principal
   */
  public static Principal principal(Random r, String user) {
    return new Principal(user, new HashSet<>(pick(r, GROUPS, 2)), new HashSet<>(pick(r, ROLES, 1)));
  }

  /**
   * A random corpus of 30 to 119 items {@code i0, i1...} with random ACLs, kinds and concepts (c0 to c3);
   * the items nobody may read also carry a {@code hidden} word, in the title too, and sometimes the
   * concept {@code secret}.
   *
   * @param r the randomness
   * @return the items, not yet stored
   */
  public static List<KnowledgeItem> corpus(Random r) {
    List<KnowledgeItem> items = new ArrayList<>();
    int n = 30 + r.nextInt(90);
    for (int i = 0; i < n; i++) {
      Acl acl = acl(r);
      StringBuilder body = new StringBuilder();
      for (int k = 1 + r.nextInt(4); k > 0; k--) {
        body.append(" w").append(r.nextInt(10));
      }
      if (acl.equals(Acl.NOBODY)) {
        body.append(" hidden").append(r.nextInt(3));
      }
      List<String> concepts = pick(r, List.of("c0", "c1", "c2", "c3"), 2);
      if (acl.equals(Acl.NOBODY) && r.nextBoolean()) {
        concepts.add("secret");
      }
      String title = "item " + i + (acl.equals(Acl.NOBODY) ? " hidden" + r.nextInt(3) : "");
      items.add(KnowledgeItem.builder("i" + i, ItemKind.of(any(r, KINDS)), title)
          .body(body.toString().strip()).concepts(concepts).acl(acl).build());
    }
    return items;
  }
}
