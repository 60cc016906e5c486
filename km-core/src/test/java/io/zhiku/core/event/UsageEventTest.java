package io.zhiku.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.json.ZhikuJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageEventTest {
  static final Instant NOW = Instant.parse("2026-11-22T09:30:00Z");
  static final Principal ALICE = Principal.of("alice", List.of("sales"), List.of("account-manager"));

  static WorkContext proposal() {
    return WorkContext.builder(ALICE, NOW)
        .role("account-manager").process("sales-project").stage("proposal")
        .attribute(WorkContext.INDUSTRY, "education").attribute(WorkContext.CUSTOMER, "cust-42")
        .text("客户需要统一身份认证\u0000 and SSO for 30k students")
        .build();
  }

  @Test
  void builder_setsEveryOptionalField_andValidatesAsTheConstructorDoes() {
    Principal wang = Principal.of("wang", List.of("sales"), List.of());
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    WorkContext context = WorkContext.builder(wang, now).stage("proposal").build();
    UsageEvent reuse = UsageEvent.builder(UsageEventType.REUSE, now, wang).id("crm-8812").item("case-campus").value(45)
        .context(context).build();
    assertEquals(new UsageEvent("crm-8812", UsageEventType.REUSE, now, wang, "case-campus", context, null, null, 45.0), reuse);
    UsageEvent search = UsageEvent.builder(UsageEventType.SEARCH, now, wang).query("campus wifi", 3).build();
    assertEquals(UsageEvent.ofSearch(now, wang, "campus wifi", 3, null), search);
    ValidationException e = assertThrows(ValidationException.class, () -> UsageEvent.builder(UsageEventType.REUSE, now, wang).build());
    assertEquals("UsageEvent.itemId", e.field());
    assertThrows(ValidationException.class, () -> UsageEvent.builder(UsageEventType.RATE, now, wang).item("i1").value(Double.NaN).build());
  }

  @Test
  void workContext_keepsPartsAndStripsControlsInText() {
    WorkContext c = proposal();
    assertEquals("education", c.attribute(WorkContext.INDUSTRY));
    assertEquals("cust-42", WorkContext.builder(ALICE, NOW).attribute("customer", "  cust-42 ").build().attribute("customer"));
    assertEquals("客户需要统一身份认证 and SSO for 30k students", c.text());
    assertEquals(c, ZhikuJson.read(ZhikuJson.write(c), WorkContext.class));
  }

  @Test
  void workContext_requiresPrincipalAndTime() {
    assertThrows(ValidationException.class, () -> WorkContext.builder(null, NOW).build());
    assertThrows(ValidationException.class, () -> WorkContext.builder(ALICE, null).build());
    assertThrows(ValidationException.class, () -> WorkContext.builder(ALICE, NOW).stage("pro posal").build());
    assertThrows(ValidationException.class,
        () -> WorkContext.builder(ALICE, NOW).text("x".repeat(WorkContext.MAX_TEXT_CHARS + 1)).build());
  }

  @Test
  void search_requiresQueryAndResultCount() {
    UsageEvent e = UsageEvent.ofSearch(NOW, ALICE, "统一身份认证", 0, proposal());
    assertEquals(0, e.resultCount());
    assertThrows(ValidationException.class,
        () -> new UsageEvent(null, UsageEventType.SEARCH, NOW, ALICE, null, null, "q", null, null));
    assertThrows(ValidationException.class,
        () -> new UsageEvent(null, UsageEventType.SEARCH, NOW, ALICE, null, null, null, 3, null));
    assertThrows(ValidationException.class, () -> UsageEvent.ofSearch(NOW, ALICE, "q", -1, null));
  }

  @Test
  void itemEvents_requireItem_rateRequiresValue() {
    for (UsageEventType t : List.of(UsageEventType.VIEW, UsageEventType.REUSE, UsageEventType.PUSH_ACCEPTED, UsageEventType.VERIFY)) {
      assertThrows(ValidationException.class, () -> UsageEvent.ofItem(t, NOW, ALICE, null), t.name());
      assertEquals("sol-1", UsageEvent.ofItem(t, NOW, ALICE, "sol-1").itemId());
    }
    assertThrows(ValidationException.class,
        () -> new UsageEvent(null, UsageEventType.RATE, NOW, ALICE, "sol-1", null, null, null, null));
    assertThrows(ValidationException.class, () -> UsageEvent.ofRating(NOW, ALICE, "sol-1", Double.POSITIVE_INFINITY));
    assertEquals(4.5, UsageEvent.ofRating(NOW, ALICE, "sol-1", 4.5).value());
  }

  @Test
  void hostTypes_requireNothing() {
    UsageEventType won = UsageEventType.of("proposal-won");
    assertFalse(won.requiresItem());
    assertTrue(UsageEventType.of("view").requiresItem());
    assertEquals(UsageEventType.VIEW, UsageEventType.of("view"));
    new UsageEvent("evt-1", won, NOW, ALICE, null, proposal(), null, null, 250_000.0);
  }

  @Test
  void context_mustBeTheSamePrincipal() {
    UsageEvent e = UsageEvent.ofItem(UsageEventType.VIEW, NOW, Principal.of("bob"), "sol-1");
    assertThrows(ValidationException.class, () -> e.withContext(proposal()));
  }

  @Test
  void json_roundTrip() {
    UsageEvent e = UsageEvent.ofSearch(NOW, ALICE, "SSO 方案", 12, proposal());
    String json = ZhikuJson.write(e);
    assertTrue(json.contains("\"type\":\"search\""), json);
    assertEquals(e, ZhikuJson.read(json, UsageEvent.class));
  }
}
