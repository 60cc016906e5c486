package io.zhiku.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.testkit.Seeded;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Seeded
class ChecksTest {
  /** The rules as regular expressions, the oracle for the character-class checks. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:@-]{0,127}");
  private static final Pattern TOKEN = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
  /** All kinds of characters; characters valid in every rule; characters valid in keys and ids. */
  private static final String[] ALPHABETS = {"aAzZ09_.:@-/ \u00e9\u4e2d\u0000", "az09-", "az-_."};

  @Test
  void idTokenAndKey_acceptExactlyWhatTheirRegularExpressionsMatch(Random random) {
    for (int i = 0; i < 20_000; i++) {
      // Short values, and long ones around the 64 and 128 limits.
      int length = random.nextInt(3) == 0 ? 60 + random.nextInt(75) : random.nextInt(6);
      String alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
      StringBuilder sb = new StringBuilder();
      for (int c = 0; c < length; c++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String value = sb.toString();
      assertAgrees(ID, Checks::id, value);
      assertAgrees(TOKEN, Checks::token, value);
      assertAgrees(KEY, Checks::key, value);
    }
  }

  private static void assertAgrees(Pattern rule, BiFunction<String, String, String> check, String value) {
    boolean accepted;
    try {
      assertEquals(value, check.apply("f", value));
      accepted = true;
    } catch (ValidationException e) {
      accepted = false;
    }
    assertEquals(rule.matcher(value).matches(), accepted, () -> rule + " on \"" + value + "\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "A-1", "crm:opp_42", "user@corp.example", "_x", "9"})
  void id_wellFormed_accepted(String id) {
    assertEquals(id, Checks.id("f", id));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " a", "a b", "-a", ".a", "a/b", "中文", "a\u0000"})
  void id_malformed_refusedNamingFieldAndRule(String id) {
    ValidationException e = assertThrows(ValidationException.class, () -> Checks.id("Thing.id", id));
    assertEquals("Thing.id", e.field());
    assertTrue(e.getMessage().startsWith("Thing.id: "), e.getMessage());
    assertTrue(e.limit().contains("1 to 128 characters"), e.limit());
  }

  @Test
  void id_longerThan128_refused() {
    assertEquals(128, Checks.id("f", "a".repeat(128)).length());
    assertThrows(ValidationException.class, () -> Checks.id("f", "a".repeat(129)));
  }

  @Test
  void line_controlCharacter_refusedWithItsCodeInTheMessage() {
    ValidationException e = assertThrows(ValidationException.class, () -> Checks.line("title", "a\tb", 10));
    assertTrue(e.getMessage().contains("U+0009"), e.getMessage());
    assertTrue(e.getMessage().contains("\\u0009"), "the quoted value escapes the control: " + e.getMessage());
  }

  @Test
  void line_stripsAndCountsCodePoints() {
    assertEquals("知识", Checks.line("f", "  知识 ", 2));
    assertEquals("😀😀", Checks.line("f", "😀😀", 2), "two code points, four chars");
    ValidationException e = assertThrows(ValidationException.class, () -> Checks.line("f", "abc", 2));
    assertTrue(e.getMessage().contains("is 3 characters, over the limit of 2"), e.getMessage());
  }

  @Test
  void line_unpairedSurrogate_refused() {
    assertThrows(ValidationException.class, () -> Checks.line("f", "a\uD800b", 10));
  }

  @Test
  void stripControls_keepsLineBreaksAndTabs_stripsOthers() {
    assertEquals("a\tb\nc\r\nd", Checks.stripControls("a\tb\u0000\nc\r\n\u001Bd\u007F"));
    assertEquals("ab", Checks.stripControls("a\uDC00b"));
    String clean = "nothing to strip";
    assertSame(clean, Checks.stripControls(clean));
  }

  @Test
  void language_normalisesCase_refusesMalformed() {
    assertEquals("zh-Hant-TW", Checks.language("lang", "ZH-hant-tw"));
    assertEquals("en", Checks.language("lang", "en"));
    assertEquals("", Checks.optionalLanguage("lang", ""));
    for (String bad : List.of("", "english!", "english", "e", "zh_CN", "x-private")) {
      assertThrows(ValidationException.class, () -> Checks.language("lang", bad), bad);
    }
  }

  @Test
  void optionalIri_requiresAbsoluteIriWithoutSpaces() {
    assertEquals("urn:x:1", Checks.optionalIri("uri", "urn:x:1"));
    for (String bad : List.of("relative/path", "http://a b", ":nope", "1http://x")) {
      assertThrows(ValidationException.class, () -> Checks.optionalIri("uri", bad), bad);
    }
  }

  @Test
  void count_overLimit_refused() {
    ValidationException e = assertThrows(ValidationException.class, () -> Checks.ids("tags", List.of("a", "b", "c"), 2));
    assertTrue(e.getMessage().contains("at most 2"), e.getMessage());
  }

  @Test
  void quote_shortensLongValues() {
    String q = ValidationException.quote("x".repeat(500));
    assertTrue(q.endsWith("… (500 chars)"), q);
    assertTrue(q.length() < 120, q);
  }
}
