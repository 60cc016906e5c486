package io.zhiku.core.item;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.json.JsonFormatException;
import io.zhiku.core.json.ZhikuJson;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnowledgeItemTest {
  static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

  static KnowledgeItem.Builder solution() {
    return KnowledgeItem.builder("sol-1", ItemKind.SOLUTION, "智慧校园解决方案 Smart campus")
        .body("面向高校的一卡通、教务与安防整合方案。\nCovers identity, timetabling and security.")
        .language("zh")
        .concepts("industry.education", "stage.proposal")
        .tags("校园", "campus")
        .authors("alice", "bob")
        .ownerUnit("gov-enterprise")
        .attribute("industry", "education")
        .attribute("contract-value", AttributeValue.of(1_200_000L))
        .attribute("margin", AttributeValue.of(0.23))
        .attribute("reference-site", AttributeValue.of(true))
        .attribute("go-live", AttributeValue.of(LocalDate.of(2026, 3, 1)))
        .attribute("signed", AttributeValue.of(T0))
        .link(ItemLink.DERIVED_FROM, "tpl-7")
        .acl(Acl.groups("sales"))
        .reviewBy(T0.plusSeconds(86_400 * 180))
        .verified("carol", T0);
  }

  @Test
  void toString_isOneShortLine_withoutTheBody() {
    String body = "secret body text ".repeat(100_000);
    KnowledgeItem item = KnowledgeItem.builder("sol-1", ItemKind.SOLUTION, "A title that goes on and on ".repeat(5))
        .body(body).acl(Acl.PUBLIC).build();
    String s = item.toString();
    assertTrue(s.length() < 200, s);
    assertFalse(s.contains("secret"), s);
    assertEquals("KnowledgeItem[sol-1, solution, v0, published, \"" + item.title().substring(0, 59) + "…\", body of "
        + body.length() + " chars]", s);
  }

  @Test
  void builder_fullItem_keepsEverything() {
    KnowledgeItem item = solution().build();
    assertEquals("sol-1", item.id());
    assertEquals(List.of("industry.education", "stage.proposal"), List.copyOf(item.concepts()));
    assertEquals(List.of("alice", "bob"), item.authors());
    assertEquals(ItemStatus.PUBLISHED, item.status(), "the builder's default status");
    assertEquals(0, item.version());
    assertEquals(AttributeValue.of(1_200_000L), item.attributes().get("contract-value"));
  }

  @Test
  void defaults_languageUndetermined_bodyEmpty() {
    KnowledgeItem item = KnowledgeItem.builder("x", ItemKind.FAQ, "Q?").acl(Acl.PUBLIC).build();
    assertEquals("und", item.language());
    assertEquals("", item.body());
  }

  @Test
  void build_withoutAcl_refusedWithAHint() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> KnowledgeItem.builder("x", ItemKind.FAQ, "Q?").build());
    assertEquals("KnowledgeItem.acl", e.field());
    assertTrue(e.getMessage().contains("Acl.PUBLIC"), e.getMessage());
  }

  @Test
  void title_controlCharacters_rejected_bodyControls_stripped() {
    assertThrows(ValidationException.class, () -> solution().title("bad\u0007title").build());
    assertThrows(ValidationException.class, () -> solution().title("two\nlines").build());
    KnowledgeItem item = solution().body("keep\ttabs\nand lines\u0000 but not NUL\u001B").build();
    assertEquals("keep\ttabs\nand lines but not NUL", item.body());
  }

  @Test
  void title_strippedAndBoundedByCeiling() {
    assertEquals("Title", solution().title("  Title \t").build().title());
    ValidationException e = assertThrows(ValidationException.class, () -> solution().title("t".repeat(4097)).build());
    assertTrue(e.getMessage().contains("over the limit of 4096"), e.getMessage());
  }

  @Test
  void limits_defaultBodyOfOneMiB_enforcedWithSizeAndLimitInMessage() {
    KnowledgeItem fits = solution().body("a".repeat(1 << 20)).build();
    assertEquals(fits, ItemLimits.DEFAULTS.check(fits));
    KnowledgeItem big = solution().body("a".repeat((1 << 20) + 1)).build(); // under the 64 MiB ceiling
    ValidationException e = assertThrows(ValidationException.class, () -> ItemLimits.DEFAULTS.check(big));
    assertEquals("KnowledgeItem.body", e.field());
    assertTrue(e.getMessage().contains("1048577 UTF-8 bytes, over the limit of 1048576"), e.getMessage());
  }

  @Test
  void limits_bodyCountsUtf8Bytes() {
    String chinese = "知".repeat(400_000); // 1.2 MB in UTF-8, 400k chars
    KnowledgeItem item = solution().body(chinese).build();
    assertThrows(ValidationException.class, () -> ItemLimits.DEFAULTS.check(item));
    ItemLimits.DEFAULTS.withMaxBodyBytes(2 << 20).check(item);
  }

  @Test
  void limits_configured_outsideCeilings_refused() {
    assertThrows(ValidationException.class, () -> ItemLimits.DEFAULTS.withMaxBodyBytes(0));
    assertThrows(ValidationException.class, () -> ItemLimits.DEFAULTS.withMaxBodyBytes((64 << 20) + 1));
  }

  @Test
  void limits_counts_enforced() {
    ItemLimits two = new ItemLimits(512, 1 << 20, 2, 2, 2, 2, 2);
    KnowledgeItem threeTags = solution().tags("t3").build();
    ValidationException e = assertThrows(ValidationException.class, () -> two.check(threeTags));
    assertEquals("KnowledgeItem.tags", e.field(), "two concepts fit; the first field over its limit is named");
  }

  @Test
  void selfLink_refused() {
    assertThrows(ValidationException.class, () -> solution().link(ItemLink.RELATED, "sol-1").build());
  }

  @Test
  void verification_needsWhoAndWhen() {
    assertThrows(ValidationException.class, () -> solution().verified("carol", null).build());
    assertThrows(ValidationException.class, () -> solution().verified(null, T0).build());
  }

  @Test
  void storedTimes_consistent() {
    assertThrows(ValidationException.class, () -> solution().stored(T0, null, 1).build());
    assertThrows(ValidationException.class, () -> solution().stored(T0, T0.minusSeconds(1), 1).build());
    assertThrows(ValidationException.class, () -> solution().stored(T0, T0, -1).build());
    assertEquals(3, solution().stored(T0, T0.plusSeconds(5), 3).build().version());
  }

  @Test
  void attributes_keysAndValuesValidated() {
    assertThrows(ValidationException.class, () -> solution().attribute("Bad Key", "x").build());
    assertThrows(ValidationException.class, () -> AttributeValue.of(Double.NaN));
    assertThrows(ValidationException.class, () -> AttributeValue.of("x".repeat(1025)));
  }

  @Test
  void kind_openSet() {
    assertEquals(ItemKind.SOLUTION, ItemKind.of("solution"));
    assertEquals("bid-review", ItemKind.of("bid-review").name());
    assertThrows(ValidationException.class, () -> ItemKind.of("Bid Review"));
  }

  @Test
  void reviewDue_comparesWithGivenTime() {
    KnowledgeItem item = solution().reviewBy(T0).build();
    assertTrue(item.reviewDue(T0));
    assertFalse(item.reviewDue(T0.minusSeconds(1)));
  }

  @Test
  void toBuilder_roundTrips() {
    KnowledgeItem item = solution().build();
    assertEquals(item, item.toBuilder().build());
    assertEquals("New", item.toBuilder().title("New").build().title());
  }

  @Test
  void json_roundTrip_allFieldsTyped() {
    KnowledgeItem item = solution().stored(T0, T0.plusSeconds(60), 2).build();
    String json = ZhikuJson.write(item);
    assertTrue(json.contains("\"kind\":\"solution\""), json);
    assertTrue(json.contains("\"status\":\"published\""), json);
    assertTrue(json.contains("{\"type\":\"date\",\"value\":\"2026-03-01\"}"), json);
    assertTrue(json.contains("\"created\":\"2026-11-01T08:00:00Z\""), json);
    KnowledgeItem back = ZhikuJson.read(json, KnowledgeItem.class);
    assertEquals(item, back);
    assertEquals(List.copyOf(item.tags()), List.copyOf(back.tags()), "set order survives");
  }

  @Test
  void json_unknownField_reportedWithItsName() {
    String json = ZhikuJson.write(solution().build()).replaceFirst("\\{", "{\"tittle\":\"typo\",");
    JsonFormatException e = assertThrows(JsonFormatException.class, () -> ZhikuJson.read(json, KnowledgeItem.class));
    assertTrue(e.getMessage().contains("tittle"), e.getMessage());
  }

  @Test
  void json_invalidValue_reportedAsValidationException() {
    String json = ZhikuJson.write(solution().build()).replace("\"sol-1\"", "\"sol 1\"");
    ValidationException e = assertThrows(ValidationException.class, () -> ZhikuJson.read(json, KnowledgeItem.class));
    assertEquals("KnowledgeItem.id", e.field());
  }

  @Test
  void json_missingAcl_refusedNotDefaultedToPublic() {
    String json = "{\"id\":\"a\",\"kind\":\"faq\",\"title\":\"Q\"}";
    ValidationException e = assertThrows(ValidationException.class, () -> ZhikuJson.read(json, KnowledgeItem.class));
    assertEquals("KnowledgeItem.acl", e.field());
  }

  @Test
  void json_attributeTypeIsANameNeverAClass() {
    String json = "{\"id\":\"a\",\"kind\":\"faq\",\"title\":\"Q\",\"acl\":{\"everyone\":true},"
        + "\"attributes\":{\"x\":{\"type\":\"java.lang.ProcessBuilder\",\"value\":\"id\"}}}";
    JsonFormatException e = assertThrows(JsonFormatException.class, () -> ZhikuJson.read(json, KnowledgeItem.class));
    assertTrue(e.getMessage().contains("attributes"), e.getMessage());
  }
}
