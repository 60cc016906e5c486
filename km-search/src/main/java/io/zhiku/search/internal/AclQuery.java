package io.zhiku.search.internal;

import io.zhiku.core.access.Principal;
import io.zhiku.core.internal.Hashes;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * What the two forms of the access filter share ({@link AccessPostingsQuery}, {@link AccessCheckQuery}): the
 * principal's user, groups and roles, and equality by them, so that Lucene's query cache finds a principal's
 * filter again. Immutable and thread-safe.
 */
abstract class AclQuery extends Query {
  /** The principal's user id. */
  protected final String user;
  /** The principal's groups. */
  protected final Set<String> groups;
  /** The principal's roles. */
  protected final Set<String> roles;

  AclQuery(Principal p) {
    this.user = p.userId();
    this.groups = Set.copyOf(p.groups());
    this.roles = Set.copyOf(p.roles());
  }

  /** The query's name in {@link #toString}. */
  abstract String name();

  @Override
  public final void visit(QueryVisitor visitor) {
    if (visitor.acceptField(LuceneSchema.ACL_ALL)) {
      visitor.visitLeaf(this);
    }
  }

  @Override
  public final String toString(String field) {
    return name() + "(" + user + ", groups=" + groups + ", roles=" + roles + ")";
  }

  @Override
  public final boolean equals(Object o) {
    return sameClassAs(o) && user.equals(((AclQuery) o).user) && groups.equals(((AclQuery) o).groups)
        && roles.equals(((AclQuery) o).roles);
  }

  /**
   * Spread over the sets' members ({@link Hashes#ofSet}): Lucene's caching policy counts a filter's uses by
   * its hash, and with plain set hashes {@code {g1, g5}} and {@code {g2, g4}} collide, so a principal's
   * first search counted as the second of another's and was cached at once.
   */
  @Override
  public final int hashCode() {
    return Objects.hash(classHash(), user, Hashes.ofSet(groups), Hashes.ofSet(roles));
  }
}
