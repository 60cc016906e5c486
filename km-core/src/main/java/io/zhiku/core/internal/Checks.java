package io.zhiku.core.internal;

import io.zhiku.core.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validation shared by every value type: ids, tokens, single-line and multi-line text, language tags and
 * bounded collections. Each check either returns the (normalised) value or throws a {@link
 * ValidationException} naming the field, quoting the value and stating the limit.
 *
 * <p>Control characters: single-line text (titles, labels, tags) <em>rejects</em> them; multi-line text
 * (bodies, notes, context text) keeps tab, line feed and carriage return and <em>strips</em> every other
 * control character and every unpaired surrogate. Stateless and thread-safe.
 */
public final class Checks {
  /** The longest id, in characters. */
  public static final int MAX_ID_LENGTH = 128;

  // Character classes rather than regular expressions: ids are checked on every value constructed (push
  // builds thousands of scored candidates per request), and a Matcher per check was measurable garbage.
  private static final CharClass ID_FIRST = CharClass.of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
  private static final CharClass ID_REST = ID_FIRST.or(".:@-");
  private static final CharClass LOWER = CharClass.of("abcdefghijklmnopqrstuvwxyz");
  private static final CharClass TOKEN_REST = LOWER.or("0123456789-");
  private static final CharClass KEY_REST = TOKEN_REST.or("_.");
  private static final String ID_RULE =
      "an id is 1 to " + MAX_ID_LENGTH + " characters of A-Z a-z 0-9 _ . : @ -, not starting with . : @ -";

  private Checks() {}

  /**
   * Requires an instant to be present and within {@link io.zhiku.core.Instants}' range.
   *
   * @param field the field's name, for the message
   * @param value the instant
   * @return the instant
   * @throws ValidationException if it is missing or out of range
   */
  public static java.time.Instant instant(String field, java.time.Instant value) {
    return optionalInstant(field, present(field, value));
  }

  /**
   * Requires an instant, if given, to be within {@link io.zhiku.core.Instants}' range.
   *
   * @param field the field's name, for the message
   * @param value the instant, or {@code null}
   * @return the instant, or {@code null}
   * @throws ValidationException if it is out of range
   */
  public static java.time.Instant optionalInstant(String field, java.time.Instant value) {
    if (value != null && !io.zhiku.core.Instants.accepted(value)) {
      throw new ValidationException(field, value,
          "must lie from " + io.zhiku.core.Instants.EARLIEST + " to " + io.zhiku.core.Instants.LATEST + " (io.zhiku.core.Instants)");
    }
    return value;
  }

  /**
   * Requires a value to be present.
   *
   * @param field the field name for the message
   * @param value the value
   * @param <T> its type
   * @return the value
   * @throws ValidationException if it is {@code null}
   */
  public static <T> T present(String field, T value) {
    if (value == null) {
      throw new ValidationException(field, null, "a value is required");
    }
    return value;
  }

  /**
   * Checks an id: 1 to 128 characters of {@code A-Z a-z 0-9 _ . : @ -}, not starting with {@code . : @ -}.
   *
   * @param field the field name for the message
   * @param value the id
   * @return the id
   * @throws ValidationException if it is missing or malformed
   */
  public static String id(String field, String value) {
    present(field, value);
    if (!shaped(value, MAX_ID_LENGTH, ID_FIRST, ID_REST)) {
      throw new ValidationException(field, value, ID_RULE);
    }
    return value;
  }

  /** 1 to {@code max} characters, the first in {@code first}, every one in {@code rest} (which holds {@code first}). */
  private static boolean shaped(String value, int max, CharClass first, CharClass rest) {
    return !value.isEmpty() && value.length() <= max && first.matches(value.charAt(0)) && rest.matchesAllOf(value);
  }

  /** A set of ASCII characters as a 128-bit mask: one lookup per character, no garbage. */
  private record CharClass(long low, long high) {
    static CharClass of(String chars) {
      return new CharClass(0, 0).or(chars);
    }

    CharClass or(String chars) {
      long lo = low;
      long hi = high;
      for (int i = 0; i < chars.length(); i++) {
        char c = chars.charAt(i);
        if (c < 64) {
          lo |= 1L << c;
        } else {
          hi |= 1L << (c - 64);
        }
      }
      return new CharClass(lo, hi);
    }

    boolean matches(char c) {
      return c < 64 ? (low & (1L << c)) != 0 : c < 128 && (high & (1L << (c - 64))) != 0;
    }

    boolean matchesAllOf(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (!matches(s.charAt(i))) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Checks an optional id.
   *
   * @param field the field name for the message
   * @param value the id or {@code null}
   * @return the id or {@code null}
   * @throws ValidationException if it is present and malformed
   */
  public static String optionalId(String field, String value) {
    return value == null ? null : id(field, value);
  }

  /**
   * Checks a token of an open set (an item kind, a link relation, an event type): 1 to 64 characters of
   * {@code a-z 0-9 -}, starting with a letter.
   *
   * @param field the field name for the message
   * @param value the token
   * @return the token
   * @throws ValidationException if it is missing or malformed
   */
  public static String token(String field, String value) {
    present(field, value);
    if (!shaped(value, 64, LOWER, TOKEN_REST)) {
      throw new ValidationException(field, value, "1 to 64 characters of a-z 0-9 -, starting with a letter");
    }
    return value;
  }

  /**
   * Checks an attribute key: 1 to 64 characters of {@code a-z 0-9 _ . -}, starting with a letter.
   *
   * @param field the field name for the message
   * @param value the key
   * @return the key
   * @throws ValidationException if it is missing or malformed
   */
  public static String key(String field, String value) {
    present(field, value);
    if (!shaped(value, 64, LOWER, KEY_REST)) {
      throw new ValidationException(field, value, "1 to 64 characters of a-z 0-9 _ . -, starting with a letter");
    }
    return value;
  }

  /**
   * Checks required single-line text: stripped of surrounding white space, then non-empty, free of
   * control characters and unpaired surrogates, and at most {@code maxChars} code points.
   *
   * @param field the field name for the message
   * @param value the text
   * @param maxChars the most code points allowed
   * @return the stripped text
   * @throws ValidationException if it is missing, blank, too long or contains a control character
   */
  public static String line(String field, String value, int maxChars) {
    present(field, value);
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      throw new ValidationException(field, value, "must not be blank");
    }
    for (int i = 0; i < stripped.length(); i++) {
      char c = stripped.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || isUnpairedSurrogate(stripped, i)) {
        throw new ValidationException(
            field,
            value,
            String.format(Locale.ROOT, "single-line text must not contain control character U+%04X (at index %d)", (int) c, i));
      }
    }
    int length = stripped.codePointCount(0, stripped.length());
    if (length > maxChars) {
      throw new ValidationException(field, value, "is " + length + " characters, over the limit of " + maxChars);
    }
    return stripped;
  }

  /**
   * Checks optional single-line text; see {@link #line}.
   *
   * @param field the field name for the message
   * @param value the text or {@code null}
   * @param maxChars the most code points allowed
   * @return the stripped text or {@code null}
   * @throws ValidationException if it is present and invalid
   */
  public static String optionalLine(String field, String value, int maxChars) {
    return value == null ? null : line(field, value, maxChars);
  }

  /**
   * Cleans multi-line text: keeps tab, line feed and carriage return, strips every other control
   * character and unpaired surrogate. Returns the same instance when there is nothing to strip.
   *
   * @param value the text, not {@code null}
   * @return the cleaned text
   */
  public static String stripControls(String value) {
    int i = 0;
    while (i < value.length() && !stripped(value, i)) {
      i++;
    }
    if (i == value.length()) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length()).append(value, 0, i);
    for (; i < value.length(); i++) {
      if (!stripped(value, i)) {
        out.append(value.charAt(i));
      }
    }
    return out.toString();
  }

  private static boolean stripped(String s, int i) {
    char c = s.charAt(i);
    return (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') || isUnpairedSurrogate(s, i);
  }

  /**
   * Whether the char at {@code i} is half of a surrogate pair whose other half is missing.
   *
   * @param s the text
   * @param i an index into it
   * @return {@code true} for a lone high or low surrogate
   */
  public static boolean isUnpairedSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  /**
   * Checks multi-line text: {@linkplain #stripControls strips} control characters, then bounds its size.
   *
   * @param field the field name for the message
   * @param value the text or {@code null} (read as empty)
   * @param maxChars the most code points allowed
   * @return the cleaned text, never {@code null}
   * @throws ValidationException if it is too long
   */
  public static String text(String field, String value, int maxChars) {
    if (value == null) {
      return "";
    }
    String cleaned = stripControls(value);
    if (cleaned.length() > maxChars) { // cheap pre-check: code points <= chars
      int length = cleaned.codePointCount(0, cleaned.length());
      if (length > maxChars) {
        throw new ValidationException(field, value, "is " + length + " characters, over the limit of " + maxChars);
      }
    }
    return cleaned;
  }

  /**
   * Checks a text to find things for (similar items, experts, concepts): present, not blank, and no longer
   * than a work context's text ({@value io.zhiku.core.event.WorkContext#MAX_TEXT_CHARS} characters).
   *
   * @param field the field name for the message
   * @param text the text
   * @return the text
   * @throws ValidationException if it is missing, blank or too long
   */
  public static String workText(String field, String text) {
    present(field, text);
    int max = io.zhiku.core.event.WorkContext.MAX_TEXT_CHARS;
    if (text.length() > max) {
      throw new ValidationException(field, text, "is " + text.length() + " characters, over the limit of " + max);
    }
    if (text.isBlank()) {
      throw new ValidationException(field, text, "some text");
    }
    return text;
  }

  /**
   * Checks and normalises a BCP 47 language tag ({@code "en"}, {@code "zh-Hant"}, {@code "und"}), whose
   * primary language is a two- or three-letter ISO 639 code.
   *
   * @param field the field name for the message
   * @param value the tag
   * @return the tag in canonical case, e.g. {@code "zh-Hant-TW"}
   * @throws ValidationException if it is missing or not a well-formed tag
   */
  public static String language(String field, String value) {
    present(field, value);
    try {
      String tag = new Locale.Builder().setLanguageTag(value).build().toLanguageTag();
      int dash = tag.indexOf('-');
      int primary = dash < 0 ? tag.length() : dash;
      // BCP 47 also admits 5-8 letter primary subtags ("english"), reserved and never registered.
      if (value.isEmpty() || !tag.equalsIgnoreCase(value) || primary < 2 || primary > 3) {
        throw new IllformedLocaleException(value);
      }
      return tag;
    } catch (IllformedLocaleException e) {
      throw new ValidationException(field, value, "must be a well-formed BCP 47 language tag such as en, zh or zh-Hant");
    }
  }

  /**
   * Checks the language of a label or note: empty for text without a language (a plain RDF literal),
   * otherwise a BCP 47 tag, see {@link #language}.
   *
   * @param field the field name for the message
   * @param value the tag, empty, or {@code null} (read as empty)
   * @return the tag in canonical case, or empty
   * @throws ValidationException if it is not empty and not a well-formed tag
   */
  public static String optionalLanguage(String field, String value) {
    return value == null || value.isEmpty() ? "" : language(field, value);
  }

  /**
   * Checks an optional absolute IRI: single-line, no white space, at most 2,048 characters, with a
   * scheme such as {@code http:} or {@code urn:}.
   *
   * @param field the field name for the message
   * @param value the IRI or {@code null}
   * @return the IRI or {@code null}
   * @throws ValidationException if it is present and malformed
   */
  public static String optionalIri(String field, String value) {
    if (value == null) {
      return null;
    }
    line(field, value, 2048);
    int colon = value.indexOf(':');
    if (colon < 1 || !value.chars().noneMatch(Character::isWhitespace)
        || !Character.isLetter(value.charAt(0))) {
      throw new ValidationException(field, value, "must be an absolute IRI such as http://example.org/c1 or urn:x:c1");
    }
    return value;
  }

  /**
   * Checks a count against its limit.
   *
   * @param field the field name for the message
   * @param count how many there are
   * @param max how many are allowed
   * @throws ValidationException if {@code count > max}
   */
  public static void count(String field, int count, int max) {
    if (count > max) {
      throw new ValidationException(field, count + " entries", "at most " + max + " entries are allowed");
    }
  }

  /**
   * Copies a collection into a mutable, insertion-ordered set that may hold {@code null} (so that the
   * validating constructor it is passed to, not this copy, reports a bad element).
   *
   * @param values the elements, or {@code null}
   * @param <T> the element type
   * @return a copy, or {@code null} when {@code values} is {@code null}
   */
  public static <T> java.util.Set<T> orderedCopy(Collection<? extends T> values) {
    return values == null ? null : new java.util.LinkedHashSet<>(values);
  }

  /**
   * Copies a collection of ids into an immutable, insertion-ordered set, checking each id.
   *
   * @param field the field name for the message
   * @param values the ids, or {@code null} (read as empty)
   * @param max how many are allowed
   * @return the ids
   * @throws ValidationException if there are too many or one is malformed
   */
  public static Set<String> ids(String field, Collection<String> values, int max) {
    if (values == null) {
      return Collections.emptySet();
    }
    count(field, values.size(), max);
    LinkedHashSet<String> out = new LinkedHashSet<>(values.size() * 4 / 3 + 1);
    for (String v : values) {
      out.add(id(field, v));
    }
    return Immutables.own(out);
  }

  /**
   * Copies single-line texts into an immutable, insertion-ordered set, checking each with {@link #line}.
   *
   * @param field the field name for the message
   * @param values the texts, or {@code null} (read as empty)
   * @param max how many are allowed
   * @param maxChars the longest text, in code points
   * @return the stripped texts, duplicates dropped
   * @throws ValidationException if there are too many or one is invalid
   */
  public static Set<String> lines(String field, Collection<String> values, int max, int maxChars) {
    if (values == null) {
      return Collections.emptySet();
    }
    count(field, values.size(), max);
    LinkedHashSet<String> out = new LinkedHashSet<>(values.size() * 4 / 3 + 1);
    for (String v : values) {
      out.add(line(field, v, maxChars));
    }
    return Immutables.own(out);
  }

  /**
   * Copies a collection into an immutable, insertion-ordered set, refusing {@code null} elements.
   *
   * @param field the field name for the message
   * @param values the elements, or {@code null} (read as empty)
   * @param max how many are allowed
   * @param <T> the element type
   * @return the elements
   * @throws ValidationException if there are too many or one is {@code null}
   */
  public static <T> Set<T> set(String field, Collection<? extends T> values, int max) {
    if (values == null) {
      return Collections.emptySet();
    }
    count(field, values.size(), max);
    LinkedHashSet<T> out = new LinkedHashSet<>(values.size() * 4 / 3 + 1);
    for (T v : values) {
      out.add(present(field, v));
    }
    return Immutables.own(out);
  }

  /**
   * Copies a collection into an immutable list, refusing {@code null} elements.
   *
   * @param field the field name for the message
   * @param values the elements, or {@code null} (read as empty)
   * @param max how many are allowed
   * @param <T> the element type
   * @return the elements
   * @throws ValidationException if there are too many or one is {@code null}
   */
  public static <T> List<T> list(String field, Collection<? extends T> values, int max) {
    if (values == null) {
      return Collections.emptyList();
    }
    count(field, values.size(), max);
    List<T> out = new ArrayList<>(values.size());
    for (T v : values) {
      out.add(present(field, v));
    }
    return Immutables.list(out);
  }

  /**
   * Copies a map into an immutable, insertion-ordered map, refusing {@code null} keys and values.
   *
   * @param field the field name for the message
   * @param values the entries, or {@code null} (read as empty)
   * @param max how many are allowed
   * @param <K> the key type
   * @param <V> the value type
   * @return the entries
   * @throws ValidationException if there are too many or a key or value is {@code null}
   */
  public static <K, V> Map<K, V> map(String field, Map<? extends K, ? extends V> values, int max) {
    if (values == null) {
      return Collections.emptyMap();
    }
    count(field, values.size(), max);
    LinkedHashMap<K, V> out = new LinkedHashMap<>(values.size() * 4 / 3 + 1);
    values.forEach((k, v) -> out.put(present(field, k), present(field + "[" + k + "]", v)));
    return Immutables.own(out);
  }
}
