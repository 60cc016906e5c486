package io.zhiku.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.search.SearchRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Instants outside the accepted range are refused where values are built, naming the field. */
class InstantsTest {
  private static final Principal P = Principal.of("u1");
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<Instant> OUT_OF_RANGE = List.of(Instant.MIN, Instant.MAX,
      Instants.EARLIEST.minusMillis(1), Instants.LATEST.plusMillis(1), Instant.ofEpochMilli(Long.MAX_VALUE));

  private static void assertRefused(String field, Executable build) {
    ValidationException e = assertThrows(ValidationException.class, build);
    assertEquals(field, e.field());
    assertTrue(e.getMessage().contains("must lie from 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z"), e.getMessage());
  }

  @Test
  void theBoundsThemselves_areAccepted() {
    assertTrue(Instants.accepted(Instants.EARLIEST));
    assertTrue(Instants.accepted(Instants.LATEST));
    SearchRequest.builder(P).updated(Instants.EARLIEST, Instants.LATEST).build();
    EventQuery.builder().window(Instants.EARLIEST, Instants.LATEST).build();
    UsageEvent.ofItem(UsageEventType.VIEW, Instants.LATEST, P, "i1");
  }

  @Test
  void everyPublicInstant_outsideTheRange_isAValidationException() {
    for (Instant bad : OUT_OF_RANGE) {
      assertRefused("SearchRequest.updatedFrom", () -> SearchRequest.builder(P).updated(bad, null).build());
      assertRefused("SearchRequest.updatedBefore", () -> SearchRequest.builder(P).updated(null, bad).build());
      assertRefused("EventQuery.from", () -> EventQuery.builder().window(bad, null).build());
      assertRefused("EventQuery.before", () -> EventQuery.builder().window(null, bad).build());
      assertRefused("UsageEvent.time", () -> UsageEvent.ofItem(UsageEventType.VIEW, bad, P, "i1"));
      assertRefused("WorkContext.time", () -> WorkContext.builder(P, bad).build());
      KnowledgeItem.Builder item = KnowledgeItem.builder("i1", ItemKind.FAQ, "t").acl(Acl.PUBLIC);
      assertRefused("KnowledgeItem.reviewBy", () -> item.reviewBy(bad).build());
      assertRefused("KnowledgeItem.verifiedAt", () -> KnowledgeItem.builder("i1", ItemKind.FAQ, "t").acl(Acl.PUBLIC)
          .verified("v1", bad).build());
    }
    assertRefused("KnowledgeItem.created", () -> KnowledgeItem.builder("i1", ItemKind.FAQ, "t").acl(Acl.PUBLIC)
        .stored(Instant.MIN, NOW, 1).build());
  }
}
