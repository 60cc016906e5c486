package io.zhiku.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.json.ZhikuJson;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AclTest {
  private final Principal alice = Principal.of("alice", List.of("sales-east"), List.of("account-manager"));

  @Test
  void permits_public_everyone() {
    assertTrue(Acl.PUBLIC.permits(alice));
    assertTrue(Acl.PUBLIC.permits(Principal.of("nobody-special")));
  }

  @Test
  void permits_byUserGroupOrRole() {
    assertTrue(Acl.users("alice").permits(alice));
    assertTrue(Acl.groups("sales-east").permits(alice));
    assertTrue(Acl.roles("account-manager").permits(alice));
    assertTrue(Acl.allow(List.of("bob"), List.of("x"), List.of("account-manager")).permits(alice));
  }

  @Test
  void permits_otherwise_denied() {
    assertFalse(Acl.users("bob").permits(alice));
    assertFalse(Acl.groups("sales-west").permits(alice));
    assertFalse(Acl.roles("admin").permits(alice));
    assertFalse(Acl.NOBODY.permits(alice));
  }

  @Test
  void permits_doesNotConfuseUserIdsWithGroupIds() {
    Principal groupNamedLikeUser = Principal.of("carol", List.of("alice"), List.of());
    assertFalse(Acl.users("alice").permits(groupNamedLikeUser));
    assertTrue(Acl.groups("alice").permits(groupNamedLikeUser));
  }

  @Test
  void publicWithAllowLists_refused() {
    ValidationException e = assertThrows(ValidationException.class, () -> new Acl(true, Set.of("a"), Set.of(), Set.of()));
    assertEquals("Acl.everyone", e.field());
  }

  @Test
  void malformedIdsOrNullElements_refusedWithValidationException() {
    assertThrows(ValidationException.class, () -> Acl.users("not valid"));
    assertThrows(ValidationException.class, () -> Acl.allow(java.util.Arrays.asList("a", null), List.of(), List.of()));
    assertThrows(ValidationException.class, () -> Principal.of(null));
  }

  @Test
  void json_roundTrip() {
    Acl acl = Acl.allow(List.of("u1"), List.of("g1", "g2"), List.of("r1"));
    assertEquals(acl, ZhikuJson.read(ZhikuJson.write(acl), Acl.class));
    assertEquals(alice, ZhikuJson.read(ZhikuJson.write(alice), Principal.class));
  }
}
