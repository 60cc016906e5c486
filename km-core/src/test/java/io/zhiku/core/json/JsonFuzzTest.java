package io.zhiku.core.json;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.AttributeValue;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.testkit.Seeded;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Random corruptions of valid JSON documents (an item with every field, a usage event with a context):
 * reading gives a value or one of the two documented exceptions — {@link JsonFormatException} for the
 * JSON, {@link ValidationException} for a model rule — never another exception, an error or {@code null}.
 * Corruptions include the values the hardening exists for: extreme instants and numbers, deep nesting,
 * literal nulls, class names, lone surrogates, control characters, duplicate and unknown fields.
 */
@Seeded
class JsonFuzzTest {
  private static final String[] SNIPPETS = {"null", "true", "[]", "{}", "\"\"", "-0", "1e999999", "-1e-999999",
      "123456789012345678901234567890", "\"+1000000000-12-31T23:59:59Z\"", "\"-1000000000-01-01T00:00:00Z\"",
      "\"0000-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.999999999Z\"", "\"\\uD800\"", "\"\\u0000\"", "\"\\u202E\"",
      "[\"java.net.URL\",\"http://x\"]", "{\"@class\":\"java.lang.Runtime\"}", "\"id\":\"x\",", "\"version\":-1,",
      "[".repeat(100), "{\"a\":".repeat(70), ",", ":", "\"", "\\", "\u0000", "\uFEFF", "NaN", "Infinity"};

  private static final String ITEM = ZhikuJson.write(KnowledgeItem.builder("sol-1", ItemKind.SOLUTION, "Campus SSO 统一身份认证")
      .body("Body\nwith lines").language("zh").concepts("c1", "c2").tags("sso").authors("a1", "a2").ownerUnit("east")
      .attribute("industry", AttributeValue.of("education")).attribute("seats", AttributeValue.of(30000L)).attribute("opened", AttributeValue.of(Instant.parse("2026-02-01T00:00:00Z")))
      .link("related", "case-1").acl(Acl.allow(List.of("u1"), List.of("g1"), List.of("r1")))
      .reviewBy(Instant.parse("2027-01-01T00:00:00Z")).verified("v1", Instant.parse("2026-01-01T00:00:00Z")).build());

  private static final String EVENT = ZhikuJson.write(new UsageEvent("e-1", UsageEventType.SEARCH, Instant.parse("2026-01-01T00:00:00Z"),
      Principal.of("u1", List.of("g1"), List.of("r1")), null,
      WorkContext.builder(Principal.of("u1", List.of("g1"), List.of("r1")), Instant.parse("2026-01-01T00:00:00Z"))
          .stage("proposal").attribute("industry", "education").text("campus").build(), "campus sso", 3, null));

  @RepeatedTest(30)
  void corruptedDocuments_giveAValueOrADocumentedException(Random r) {
    for (String original : List.of(ITEM, EVENT)) {
      Class<?> type = original == ITEM ? KnowledgeItem.class : UsageEvent.class;
      for (int i = 0; i < 60; i++) {
        StringBuilder s = new StringBuilder(original);
        for (int m = 1 + r.nextInt(3); m > 0; m--) {
          int at = r.nextInt(s.length() + 1);
          switch (r.nextInt(4)) {
            case 0 -> s.delete(at, Math.min(s.length(), at + 1 + r.nextInt(10)));
            case 1 -> s.insert(at, (char) r.nextInt(0x10000));
            case 2 -> s.insert(at, SNIPPETS[r.nextInt(SNIPPETS.length)]);
            default -> { // replace a value after a colon
              int colon = s.indexOf(":", at);
              if (colon >= 0) {
                int end = colon + 1;
                while (end < s.length() && ",}]".indexOf(s.charAt(end)) < 0) {
                  end++;
                }
                s.replace(colon + 1, end, SNIPPETS[r.nextInt(SNIPPETS.length)]);
              }
            }
          }
        }
        String json = s.toString();
        read(json, type, () -> ZhikuJson.read(json, type));
        read(json, type, () -> ZhikuJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), type));
      }
    }
  }

  private static void read(String json, Class<?> type, java.util.function.Supplier<Object> reading) {
    try {
      assertNotNull(reading.get(), "null read as " + type.getSimpleName() + " from " + json);
    } catch (JsonFormatException | ValidationException documented) {
      // the documented outcomes
    } catch (RuntimeException | Error other) {
      fail("undocumented " + other + " reading " + type.getSimpleName() + " from:\n" + json, other);
    }
  }
}
