package io.zhiku.push;

import io.zhiku.core.internal.Checks;

/**
 * A group of people whose usage popularity is counted together: everyone, the people acting in a role,
 * the people at a process stage, or the people working in a context attribute's value (an industry, a
 * product). The knowledge base keeps time-decayed usage counts per segment as events are recorded.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param dimension {@code "everyone"}, {@code "role"}, {@code "stage"} or a context attribute key such as
 *     {@code "industry"}
 * @param value the role, stage or attribute value; empty for everyone
 */
public record Segment(String dimension, String value) {
  /** Everyone. */
  public static final Segment EVERYONE = new Segment("everyone", "");

  /**
   * Validates.
   *
   * @param dimension {@code "everyone"}, {@code "role"}, {@code "stage"} or a context attribute key such as
   *     {@code "industry"}
   * @param value the role, stage or attribute value; empty for everyone
   * @throws io.zhiku.core.ValidationException if the dimension is not a key or the value is malformed
   */
  public Segment {
    Checks.key("Segment.dimension", dimension);
    value = dimension.equals("everyone") ? "" : Checks.line("Segment.value", value, 256);
  }

  /**
   * The people acting in a role.
   *
   * @param role the role's id
   * @return the segment
   */
  public static Segment role(String role) {
    return new Segment("role", role);
  }

  /**
   * The people at a process stage.
   *
   * @param stage the stage's id
   * @return the segment
   */
  public static Segment stage(String stage) {
    return new Segment("stage", stage);
  }

  /**
   * The people working with a context attribute's value.
   *
   * @param key the attribute's key, e.g. {@link io.zhiku.core.event.WorkContext#INDUSTRY}
   * @param value its value
   * @return the segment
   */
  public static Segment attribute(String key, String value) {
    return new Segment(key, value);
  }

  /**
   * The segment as one string, e.g. {@code "role=industry-manager"}.
   *
   * @return the key
   */
  public String key() {
    return dimension + "=" + value;
  }
}
