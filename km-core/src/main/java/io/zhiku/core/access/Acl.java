package io.zhiku.core.access;

import static io.zhiku.core.internal.Checks.ids;
import static io.zhiku.core.internal.Checks.orderedCopy;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Hashes;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/**
 * Who may read a knowledge item: everyone, or the principals named by user, group or role allow-lists.
 *
 * <p>{@link #permits(Principal)} is <em>the</em> visibility rule. Every engine (search, suggestions,
 * facets, push, graph, reports) enforces exactly this rule in its own terms, and the access-control
 * conformance kit checks each engine against it. An ACL with no entries and {@code everyone == false}
 * lets nobody read the item through the engines; only the host, with direct access, sees it.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param everyone whether every principal may read; then the allow-lists must be empty
 * @param users user ids allowed to read
 * @param groups group ids whose members may read
 * @param roles role ids whose holders may read
 */
public record Acl(boolean everyone, Set<String> users, Set<String> groups, Set<String> roles) {
  /** The most entries in each allow-list. */
  public static final int MAX_ENTRIES = 4096;

  /** Every principal may read. */
  public static final Acl PUBLIC = new Acl(true, Set.of(), Set.of(), Set.of());

  /** No principal may read through the engines. */
  public static final Acl NOBODY = new Acl(false, Set.of(), Set.of(), Set.of());

  /**
   * Validates and copies.
   *
   * @param everyone whether every principal may read; then the allow-lists must be empty
   * @param users user ids allowed to read
   * @param groups group ids whose members may read
   * @param roles role ids whose holders may read
   * @throws ValidationException if an id is malformed, a list is too long, or a public ACL has allow-lists
   */
  public Acl {
    users = ids("Acl.users", users, MAX_ENTRIES);
    groups = ids("Acl.groups", groups, MAX_ENTRIES);
    roles = ids("Acl.roles", roles, MAX_ENTRIES);
    if (everyone && !(users.isEmpty() && groups.isEmpty() && roles.isEmpty())) {
      throw new ValidationException(
          "Acl.everyone", "true with allow-lists " + users + groups + roles,
          "a public ACL must not also carry allow-lists (they would mean nothing)");
    }
  }

  /**
   * An ACL that allows the given users, groups and roles.
   *
   * @param users user ids
   * @param groups group ids
   * @param roles role ids
   * @return the ACL
   */
  public static Acl allow(Collection<String> users, Collection<String> groups, Collection<String> roles) {
    return new Acl(false, orderedCopy(users), orderedCopy(groups), orderedCopy(roles));
  }

  /**
   * An ACL that allows the given users only.
   *
   * @param userIds user ids
   * @return the ACL
   */
  public static Acl users(String... userIds) {
    return allow(Arrays.asList(userIds), Set.of(), Set.of());
  }

  /**
   * An ACL that allows members of the given groups only.
   *
   * @param groupIds group ids
   * @return the ACL
   */
  public static Acl groups(String... groupIds) {
    return allow(Set.of(), Arrays.asList(groupIds), Set.of());
  }

  /**
   * An ACL that allows holders of the given roles only.
   *
   * @param roleIds role ids
   * @return the ACL
   */
  public static Acl roles(String... roleIds) {
    return allow(Set.of(), Set.of(), Arrays.asList(roleIds));
  }

  /**
   * Whether the principal may read: the ACL is public, or it names the principal's user id, one of
   * its groups, or one of its roles.
   *
   * @param principal who is asking; not {@code null}
   * @return {@code true} if the principal may read
   */
  public boolean permits(Principal principal) {
    if (everyone) {
      return true;
    }
    if (users.contains(principal.userId())) {
      return true;
    }
    for (String g : principal.groups()) {
      if (groups.contains(g)) {
        return true;
      }
    }
    for (String r : principal.roles()) {
      if (roles.contains(r)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A hash consistent with {@link #equals} (which compares the lists as sets) and spread over ids with
   * nearly equal hashes ({@code g1}, {@code g2}, ...), whose plain sums as a set's hash collide: tables keyed
   * by ACLs hold thousands of distinct ones.
   *
   * @return the hash
   */
  @Override
  public int hashCode() {
    int h = Boolean.hashCode(everyone);
    h = 31 * h + Hashes.ofSet(users);
    h = 31 * h + Hashes.ofSet(groups);
    return 31 * h + Hashes.ofSet(roles);
  }
}
