package io.zhiku.metrics.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The words of KPIs, notes and reports in the reader's language: {@code texts.properties} (English) and
 * {@code texts_zh.properties} (simplified Chinese) beside this class, read as UTF-8. A locale whose language
 * is Chinese gets the Chinese texts; every other locale gets English, whatever the JVM's default locale (a
 * report must not change language with the server it runs on).
 *
 * <p>A text's {@code {0}}, {@code {1}}... are replaced by the arguments' {@link String#valueOf}; there is no
 * other syntax (an apostrophe is an apostrophe), so callers format numbers themselves, for {@link #locale()}.
 *
 * <p>Immutable and thread-safe; the two instances are loaded once.
 */
public final class Texts {
  /** The English texts. */
  public static final Texts ENGLISH = load(Locale.ENGLISH, "texts.properties");
  /** The simplified Chinese texts. */
  public static final Texts CHINESE = load(Locale.SIMPLIFIED_CHINESE, "texts_zh.properties");

  private final Locale locale;
  private final Map<String, String> texts;

  private Texts(Locale locale, Map<String, String> texts) {
    this.locale = locale;
    this.texts = texts;
  }

  /**
   * The texts for a reader.
   *
   * @param locale the reader's locale; {@code null} reads as English
   * @return Chinese for a Chinese locale, else English
   */
  public static Texts of(Locale locale) {
    return locale != null && "zh".equals(locale.getLanguage()) ? CHINESE : ENGLISH;
  }

  /** @return the locale these texts are written for: {@link Locale#ENGLISH} or {@link Locale#SIMPLIFIED_CHINESE} */
  public Locale locale() {
    return locale;
  }

  /** @return every key, sorted */
  public Set<String> keys() {
    return Collections.unmodifiableSet(texts.keySet());
  }

  /**
   * One text with its arguments in place.
   *
   * @param key the key
   * @param args the values of {@code {0}}, {@code {1}}...
   * @return the text
   * @throws IllegalStateException if the key is missing (a bug: a test checks both files have every key)
   */
  public String get(String key, Object... args) {
    String text = texts.get(key);
    if (text == null) {
      throw new IllegalStateException("no text '" + key + "' for " + locale.toLanguageTag());
    }
    if (args.length == 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 32);
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int close = c == '{' ? text.indexOf('}', i) : -1;
      if (close > i + 1 && close <= i + 3 && isDigits(text, i + 1, close)) {
        int n = Integer.parseInt(text, i + 1, close, 10);
        out.append(n < args.length ? String.valueOf(args[n]) : text.substring(i, close + 1));
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static boolean isDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static Texts load(Locale locale, String file) {
    try (InputStream in = Texts.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + file + " beside " + Texts.class.getName());
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> texts = new TreeMap<>();
      p.forEach((k, v) -> texts.put((String) k, (String) v));
      return new Texts(locale, Collections.unmodifiableMap(texts));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }
}
