package io.zhiku.core.item;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.json.JsonFormatException;
import io.zhiku.core.json.ZhikuJson;
import io.zhiku.testkit.Seeded;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Random valid items survive JSON and builder round trips; random invalid inputs are refused with a
 * {@link ValidationException} naming the right field; random corruptions of valid JSON give either a
 * value or one of the two documented exceptions, never anything else.
 */
@Seeded
class ItemRandomizedTest {
  private static final String[] SCRIPTS = {
    "abcXYZ", "知识管理方案客户需求", "資訊與協作", "ＡＢＣ１２３", "éàüß", "Знание", "😀🎯", " -_.:/'\"\\"
  };

  static String text(Random r, int maxLen) {
    StringBuilder sb = new StringBuilder();
    int len = 1 + r.nextInt(maxLen);
    while (sb.length() < len) {
      String script = SCRIPTS[r.nextInt(SCRIPTS.length)];
      int at = r.nextInt(script.length());
      if (Character.isHighSurrogate(script.charAt(at))) {
        sb.append(script, at, at + 2);
      } else if (!Character.isLowSurrogate(script.charAt(at))) {
        sb.append(script.charAt(at));
      }
    }
    return sb.toString().strip().isEmpty() ? "x" : sb.toString();
  }

  static String id(Random r) {
    String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:@-";
    StringBuilder sb = new StringBuilder().append(chars.charAt(r.nextInt(62)));
    int len = r.nextInt(20);
    for (int i = 0; i < len; i++) {
      sb.append(chars.charAt(r.nextInt(chars.length())));
    }
    return sb.toString();
  }

  static List<String> ids(Random r, int max) {
    List<String> out = new ArrayList<>();
    for (int i = r.nextInt(max + 1); i > 0; i--) {
      out.add(id(r));
    }
    return out;
  }

  static AttributeValue attribute(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> AttributeValue.of(text(r, 40));
      case 1 -> AttributeValue.of(r.nextLong());
      case 2 -> AttributeValue.of(r.nextGaussian() * 1e6);
      case 3 -> AttributeValue.of(r.nextBoolean());
      case 4 -> AttributeValue.of(LocalDate.ofEpochDay(r.nextInt(40_000)));
      default -> AttributeValue.of(Instant.ofEpochMilli(r.nextLong() >>> 24));
    };
  }

  static KnowledgeItem randomItem(Random r) {
    String kind = List.of("solution", "case", "faq", "lesson", "bid-review").get(r.nextInt(5));
    KnowledgeItem.Builder b = KnowledgeItem.builder(id(r), ItemKind.of(kind), text(r, 60))
        .body(r.nextBoolean() ? "" : text(r, 500) + "\n" + text(r, 200))
        .language(List.of("zh", "en", "zh-Hant", "und", "fr-CA").get(r.nextInt(5)))
        .concepts(ids(r, 5))
        .authors(ids(r, 3).toArray(String[]::new))
        .ownerUnit(r.nextBoolean() ? id(r) : null)
        .status(ItemStatus.values()[r.nextInt(3)])
        .acl(switch (r.nextInt(3)) {
          case 0 -> Acl.PUBLIC;
          case 1 -> Acl.allow(ids(r, 3), ids(r, 3), ids(r, 2));
          default -> Acl.NOBODY;
        });
    for (int i = r.nextInt(4); i > 0; i--) {
      b.tags(text(r, 20));
    }
    for (int i = r.nextInt(5); i > 0; i--) {
      b.attribute("k" + r.nextInt(100), attribute(r));
    }
    for (int i = r.nextInt(3); i > 0; i--) {
      b.link(List.of(ItemLink.REFERENCES, ItemLink.RELATED, "custom-rel").get(r.nextInt(3)), "other-" + id(r));
    }
    if (r.nextBoolean()) {
      Instant created = Instant.ofEpochSecond(1_600_000_000L + r.nextInt(100_000_000));
      b.stored(created, created.plusMillis(r.nextInt(1_000_000)), r.nextInt(1000));
      b.verified(id(r), created);
      b.reviewBy(created.plusSeconds(86_400L * r.nextInt(400)));
    }
    return b.build();
  }

  @RepeatedTest(50)
  void randomItems_surviveJsonAndBuilderRoundTrips(Random r) {
    for (int i = 0; i < 20; i++) {
      KnowledgeItem item = randomItem(r);
      String json = ZhikuJson.write(item);
      assertEquals(item, ZhikuJson.read(json, KnowledgeItem.class), json);
      assertEquals(item, item.toBuilder().build());
    }
  }

  /** One way to break an item, and the field the refusal must name. */
  record Breakage(String field, Consumer<KnowledgeItem.Builder> breaker) {}

  static Breakage breakage(Random r) {
    char control = (char) List.of(0, 7, 9, 10, 13, 27, 127, 0x85).get(r.nextInt(8)).intValue();
    return switch (r.nextInt(10)) {
      case 0 -> new Breakage("KnowledgeItem.id", b -> b.id(id(r) + List.of(" ", "/", "#", "中", "\u0000").get(r.nextInt(5))));
      case 1 -> new Breakage("KnowledgeItem.title", b -> b.title(text(r, 10) + control + text(r, 10)));
      case 2 -> new Breakage("KnowledgeItem.title", b -> b.title(" \t ".substring(0, 1 + r.nextInt(3))));
      case 3 -> new Breakage("KnowledgeItem.tags", b -> b.tags("t".repeat(ItemLimits.MAX_TAG_CHARS + 1 + r.nextInt(50))));
      case 4 -> new Breakage("KnowledgeItem.language", b -> b.language(List.of("english", "zh_CN", "", "1x").get(r.nextInt(4))));
      case 5 -> new Breakage("KnowledgeItem.attributes", b -> b.attribute(List.of("Upper", "9lead", "sp ace", "").get(r.nextInt(4)), "v"));
      case 6 -> new Breakage("KnowledgeItem.concepts", b -> b.concepts(id(r) + " x"));
      case 7 -> new Breakage("KnowledgeItem.version", b -> b.stored(null, null, -1 - r.nextInt(100)));
      case 8 -> new Breakage("KnowledgeItem.acl", b -> b.acl(null));
      default -> new Breakage("KnowledgeItem.links", b -> b.link("references", "SELF"));
    };
  }

  @RepeatedTest(50)
  void randomInvalidInput_refusedNamingTheField(Random r) {
    for (int i = 0; i < 20; i++) {
      Breakage breakage = breakage(r);
      KnowledgeItem.Builder b = randomItem(r).toBuilder().id("SELF").stored(null, null, 0);
      breakage.breaker().accept(b);
      ValidationException e = assertThrows(ValidationException.class, b::build);
      assertEquals(breakage.field(), e.field(), e.getMessage());
    }
  }

  private static final String INSERTS = "{}[]\",:0-e\\u中\u0000 ";
  private static final String REPLACEMENTS = "{}[]\",:0a ";

  @RepeatedTest(50)
  void corruptedJson_givesAValueOrADocumentedException(Random r) {
    String json = ZhikuJson.write(randomItem(r));
    for (int i = 0; i < 40; i++) {
      StringBuilder s = new StringBuilder(json);
      for (int m = 1 + r.nextInt(3); m > 0; m--) {
        int at = r.nextInt(s.length());
        switch (r.nextInt(3)) {
          case 0 -> s.deleteCharAt(at);
          case 1 -> s.insert(at, INSERTS.charAt(r.nextInt(INSERTS.length())));
          default -> s.setCharAt(at, REPLACEMENTS.charAt(r.nextInt(REPLACEMENTS.length())));
        }
      }
      try {
        ZhikuJson.read(s.toString(), KnowledgeItem.class);
      } catch (JsonFormatException | ValidationException expected) {
        // documented outcomes
      } catch (RuntimeException | Error other) {
        fail("undocumented " + other + " for " + s, other);
      }
    }
  }
}
