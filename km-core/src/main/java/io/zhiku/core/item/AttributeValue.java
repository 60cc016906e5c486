package io.zhiku.core.item;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A typed attribute value of a knowledge item: industry, product, customer, contract value, go-live
 * date... Typed so that engines can filter by range and reports can sum. The set of types is closed.
 *
 * <p>In JSON a value carries its type: {@code {"type":"text","value":"education"}}, {@code
 * {"type":"long","value":3}}, {@code {"type":"date","value":"2026-11-01"}}. The type names form a
 * fixed list; no class name is ever read from input.
 *
 * <p>Values are immutable and thread-safe.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = AttributeValue.TextValue.class, name = "text"),
  @JsonSubTypes.Type(value = AttributeValue.LongValue.class, name = "long"),
  @JsonSubTypes.Type(value = AttributeValue.DoubleValue.class, name = "double"),
  @JsonSubTypes.Type(value = AttributeValue.BooleanValue.class, name = "boolean"),
  @JsonSubTypes.Type(value = AttributeValue.DateValue.class, name = "date"),
  @JsonSubTypes.Type(value = AttributeValue.InstantValue.class, name = "instant")
})
public sealed interface AttributeValue {
  /** The longest text value, in characters. */
  int MAX_TEXT_CHARS = 1024;

  /**
   * A text value.
   *
   * @param value single-line text of at most {@value #MAX_TEXT_CHARS} characters
   * @return the attribute value
   */
  static AttributeValue of(String value) {
    return new TextValue(value);
  }

  /**
   * A whole-number value.
   *
   * @param value the number
   * @return the attribute value
   */
  static AttributeValue of(long value) {
    return new LongValue(value);
  }

  /**
   * A decimal value.
   *
   * @param value a finite number
   * @return the attribute value
   */
  static AttributeValue of(double value) {
    return new DoubleValue(value);
  }

  /**
   * A yes/no value.
   *
   * @param value the flag
   * @return the attribute value
   */
  static AttributeValue of(boolean value) {
    return new BooleanValue(value);
  }

  /**
   * A calendar date (no time of day, no zone).
   *
   * @param value the date
   * @return the attribute value
   */
  static AttributeValue of(LocalDate value) {
    return new DateValue(value);
  }

  /**
   * An instant on the time line.
   *
   * @param value the instant
   * @return the attribute value
   */
  static AttributeValue of(Instant value) {
    return new InstantValue(value);
  }

  /**
   * Text.
   *
   * @param value single-line text, stripped, of at most {@value AttributeValue#MAX_TEXT_CHARS} characters
   */
  record TextValue(String value) implements AttributeValue {
    /**
     * Validates and strips.
     *
     * @param value single-line text, stripped, of at most {@value AttributeValue#MAX_TEXT_CHARS} characters
     */
    public TextValue {
      value = Checks.line("AttributeValue.text", value, MAX_TEXT_CHARS);
    }
  }

  /**
   * A whole number.
   *
   * @param value the number
   */
  record LongValue(long value) implements AttributeValue {}

  /**
   * A finite decimal number.
   *
   * @param value the number; never NaN or infinite
   */
  record DoubleValue(double value) implements AttributeValue {
    /**
     * Validates.
     *
     * @param value the number; never NaN or infinite
     */
    public DoubleValue {
      if (!Double.isFinite(value)) {
        throw new ValidationException("AttributeValue.double", value, "must be a finite number");
      }
    }
  }

  /**
   * A yes/no flag.
   *
   * @param value the flag
   */
  record BooleanValue(boolean value) implements AttributeValue {}

  /**
   * A calendar date.
   *
   * @param value the date
   */
  record DateValue(LocalDate value) implements AttributeValue {
    /**
     * Validates.
     *
     * @param value the date
     */
    public DateValue {
      Checks.present("AttributeValue.date", value);
    }
  }

  /**
   * An instant.
   *
   * @param value the instant
   */
  record InstantValue(Instant value) implements AttributeValue {
    /**
     * Validates.
     *
     * @param value the instant
     */
    public InstantValue {
      Checks.present("AttributeValue.instant", value);
    }
  }
}
