package io.zhiku.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Both languages hold every text, with the same arguments; the choice of language ignores the JVM's default. */
class TextsTest {
  private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)}");

  @Test
  void everyKeyIsInBothLanguages_withTheSameArguments() {
    assertEquals(Texts.ENGLISH.keys(), Texts.CHINESE.keys());
    assertTrue(Texts.ENGLISH.keys().size() > 100, "the KPIs, notes and report texts");
    for (String key : Texts.ENGLISH.keys()) {
      String en = Texts.ENGLISH.get(key);
      String zh = Texts.CHINESE.get(key);
      assertFalse(en.isBlank() || zh.isBlank(), key);
      assertEquals(arguments(en), arguments(zh), "arguments of " + key);
      if (zh.codePoints().anyMatch(Character::isLetter) && !key.equals("html.column.kpi")) { // "KPI" is KPI in Chinese too
        assertTrue(zh.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
            "the Chinese text of " + key + " is Chinese: " + zh);
      }
    }
  }

  private static Set<String> arguments(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = ARGUMENT.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void chineseForAnyChineseLocale_englishForEveryOther_whateverTheDefault() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
      assertSame(Texts.ENGLISH, Texts.of(Locale.FRENCH));
      assertSame(Texts.ENGLISH, Texts.of(Locale.ENGLISH));
      assertSame(Texts.ENGLISH, Texts.of(null));
      assertSame(Texts.CHINESE, Texts.of(Locale.forLanguageTag("zh-CN")));
      assertSame(Texts.CHINESE, Texts.of(Locale.forLanguageTag("zh-Hans-SG")));
      assertSame(Texts.CHINESE, Texts.of(Locale.CHINESE));
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void arguments_areReplacedLiterally_andOnlyArgumentsAreSpecial() {
    assertEquals("rates of 3 of 10 and {x} of 20", Texts.ENGLISH.get("compare.rates", 3, 10, "{x}", 20));
    assertTrue(Texts.ENGLISH.get("kpi.time-to-answer.definition", "question").contains("the same 'question' context"),
        "an apostrophe beside an argument is an apostrophe (MessageFormat would have quoted the argument away)");
    assertEquals("比率 1/2 与 3/4", Texts.CHINESE.get("compare.rates", 1, 2, 3, 4));
    assertEquals("for the reader's sake: {1}", Texts.ENGLISH.get("html.note.baseline", "for the reader's sake: {1}")
        .substring("baseline: ".length()));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Texts.ENGLISH.get("no.such.key"));
    assertTrue(e.getMessage().contains("no.such.key"), e.getMessage());
  }
}
