package io.zhiku.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksTest {
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
