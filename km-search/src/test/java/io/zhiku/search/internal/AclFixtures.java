package io.zhiku.search.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/** Seeded ACLs and principals over a few users, groups and roles, and the ids a query finds: for access tests. */
final class AclFixtures {
  static final List<String> USERS = List.of("u0", "u1", "u2", "u3", "u4");
  static final List<String> GROUPS = List.of("g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7");
  static final List<String> ROLES = List.of("r0", "r1", "r2");

  private AclFixtures() {}

  /** A principal with a user, up to three groups and up to one role. */
  static Principal principal(Random r) {
    return new Principal(USERS.get(r.nextInt(USERS.size())), Set.copyOf(pick(r, GROUPS, 3)), Set.copyOf(pick(r, ROLES, 1)));
  }

  /** Public, nobody, or some users, groups and roles; in segment 3 never the values the principals have but u0. */
  static Acl acl(Random r, int segment) {
    if (segment == 3) {
      return r.nextBoolean() ? Acl.users("u0") : Acl.allow(List.of("x"), List.of("gx"), List.of("rx"));
    }
    return switch (r.nextInt(6)) {
      case 0 -> Acl.PUBLIC;
      case 1 -> Acl.NOBODY;
      default -> Acl.allow(pick(r, USERS, 2), pick(r, GROUPS, 3), pick(r, ROLES, 1));
    };
  }

  static List<String> pick(Random r, List<String> from, int max) {
    List<String> out = new ArrayList<>();
    for (int n = r.nextInt(max + 1); n > 0; n--) {
      out.add(from.get(r.nextInt(from.size())));
    }
    return out;
  }

  /** The ids of the live documents {@code q} matches. */
  static Set<String> ids(IndexSearcher s, Query q) throws IOException {
    Set<String> out = new TreeSet<>();
    s.search(q, new SimpleCollector() {
      private SortedDocValues ids;

      @Override
      protected void doSetNextReader(LeafReaderContext context) throws IOException {
        ids = DocValues.getSorted(context.reader(), LuceneSchema.ID);
      }

      @Override
      public void collect(int doc) throws IOException {
        assertTrue(ids.advanceExact(doc), "every document has an id");
        out.add(ids.lookupOrd(ids.ordValue()).utf8ToString());
      }

      @Override
      public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE; // as a search ranking its hits: the query itself is not a cached filter
      }
    });
    return out;
  }

}
