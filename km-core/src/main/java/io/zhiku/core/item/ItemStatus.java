package io.zhiku.core.item;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.zhiku.core.ValidationException;
import java.util.Locale;

/**
 * Where an item is in its life: written but not yet released, released for use, or retired. In JSON a
 * status is its lower-case name.
 */
public enum ItemStatus {
  /** Being written or reviewed; not yet meant for reuse. */
  DRAFT,
  /** Released for use. */
  PUBLISHED,
  /** Retired: kept for the record, no longer recommended. */
  ARCHIVED;

  /**
   * The lower-case name used in JSON and in APIs that take text.
   *
   * @return {@code "draft"}, {@code "published"} or {@code "archived"}
   */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The status with this name, in any case.
   *
   * @param name {@code "draft"}, {@code "published"} or {@code "archived"}
   * @return the status
   * @throws ValidationException if the name is none of them
   */
  @JsonCreator
  public static ItemStatus of(String name) {
    if (name != null) {
      for (ItemStatus s : values()) {
        if (s.name().equalsIgnoreCase(name)) {
          return s;
        }
      }
    }
    throw new ValidationException("ItemStatus", name, "one of draft, published, archived");
  }
}
