package io.zhiku.core.access;

import static io.zhiku.core.internal.Checks.id;
import static io.zhiku.core.internal.Checks.ids;
import static io.zhiku.core.internal.Checks.orderedCopy;

import java.util.Collection;
import java.util.Set;

/**
 * Who is asking: a user id with the groups and roles that user holds. Every search, suggestion,
 * recommendation, graph answer and report is computed for a principal, and shows only what {@link
 * Acl#permits(Principal)} allows it to read.
 *
 * <p>A value: immutable and thread-safe; sets keep the order they were given in.
 *
 * @param userId the user's id (see {@link io.zhiku.core.item.KnowledgeItem} for the id syntax)
 * @param groups the ids of the groups the user belongs to, at most {@value #MAX_MEMBERSHIPS}
 * @param roles the ids of the roles the user holds, at most {@value #MAX_MEMBERSHIPS}
 */
public record Principal(String userId, Set<String> groups, Set<String> roles) {
  /** The most groups, and separately the most roles, a principal may carry. */
  public static final int MAX_MEMBERSHIPS = 1024;

  /**
   * Validates and copies.
   *
   * @param userId the user's id (see {@link io.zhiku.core.item.KnowledgeItem} for the id syntax)
   * @param groups the ids of the groups the user belongs to, at most {@value #MAX_MEMBERSHIPS}
   * @param roles the ids of the roles the user holds, at most {@value #MAX_MEMBERSHIPS}
   * @throws io.zhiku.core.ValidationException if an id is malformed or there are too many groups or roles
   */
  public Principal {
    userId = id("Principal.userId", userId);
    groups = ids("Principal.groups", groups, MAX_MEMBERSHIPS);
    roles = ids("Principal.roles", roles, MAX_MEMBERSHIPS);
  }

  /**
   * A principal with no groups and no roles.
   *
   * @param userId the user's id
   * @return the principal
   */
  public static Principal of(String userId) {
    return new Principal(userId, Set.of(), Set.of());
  }

  /**
   * A principal with groups and roles.
   *
   * @param userId the user's id
   * @param groups group ids
   * @param roles role ids
   * @return the principal
   */
  public static Principal of(String userId, Collection<String> groups, Collection<String> roles) {
    return new Principal(userId, orderedCopy(groups), orderedCopy(roles));
  }
}
