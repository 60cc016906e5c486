package io.zhiku.core;

/**
 * Thrown when a value given to Zhiku breaks a rule: a malformed id, a title over its length limit, a
 * forbidden control character, a taxonomy edit that would close a cycle. Nothing has been stored or
 * changed when it is thrown.
 *
 * <p>The message names the field, quotes the value (shortened, with control characters escaped so it is
 * safe to log) and states the limit; the same three are available as {@link #field()}, {@link
 * #value()} and {@link #limit()} for callers that report errors per field.
 */
public class ValidationException extends ZhikuException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_QUOTED = 80;

  /** The field refused. */
  private final String field;
  /** The value refused, quoted shortened and escaped. */
  private final String value;
  /** The rule the value broke. */
  private final String limit;

  /**
   * Creates a validation failure.
   *
   * @param field the field that was refused, e.g. {@code "KnowledgeItem.title"}
   * @param value the refused value as given (may be {@code null}); it is quoted shortened and escaped
   * @param limit the rule it broke, e.g. {@code "at most 512 characters"}
   */
  public ValidationException(String field, Object value, String limit) {
    super(field + ": " + quote(value) + " is refused: " + limit);
    this.field = field;
    this.value = value == null ? null : String.valueOf(value);
    this.limit = limit;
  }

  /**
   * Returns the field that was refused.
   *
   * @return a field name such as {@code "KnowledgeItem.title"} or {@code "Concept.broader"}
   */
  public String field() {
    return field;
  }

  /**
   * Returns the refused value as given, unshortened.
   *
   * @return the value's text, or {@code null} when the value was missing
   */
  public String value() {
    return value;
  }

  /**
   * Returns the rule the value broke.
   *
   * @return a description of the limit, e.g. {@code "at most 512 characters"}
   */
  public String limit() {
    return limit;
  }

  /**
   * Quotes a value for a message: {@code null} as {@code null}, text in double quotes, shortened to
   * 80 characters, with control and other invisible characters written as Java escapes ({@code \\u}
   * and four hex digits).
   *
   * @param value any value, or {@code null}
   * @return a printable, single-line rendering of it
   */
  public static String quote(Object value) {
    if (value == null) {
      return "null";
    }
    String text = String.valueOf(value);
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_QUOTED) + 8).append('"');
    int shown = 0;
    for (int i = 0; i < text.length() && shown < MAX_QUOTED; i++, shown++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (Character.isISOControl(c) || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
    if (text.length() > MAX_QUOTED) {
      out.append("… (").append(text.length()).append(" chars)");
    }
    return out.toString();
  }
}
