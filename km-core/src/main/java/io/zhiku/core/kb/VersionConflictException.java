package io.zhiku.core.kb;

import io.zhiku.core.ZhikuException;

/**
 * Thrown when a write names the version it expects an item to have and the stored item has another
 * (optimistic concurrency): someone else changed or deleted it first. Nothing was written. Reload the
 * item, re-apply the change, and try again with the new version.
 */
public class VersionConflictException extends ZhikuException {
  private static final long serialVersionUID = 1L;

  /** The item written. */
  private final String id;
  /** The version the writer expected. */
  private final long expected;
  /** The stored version, 0 if the item does not exist. */
  private final long actual;

  /**
   * Creates the exception.
   *
   * @param id the item's id
   * @param expected the version the caller expected
   * @param actual the stored version, 0 if the item does not exist
   */
  public VersionConflictException(String id, long expected, long actual) {
    super("item \"" + id + "\": expected version " + expected + " but the stored version is " + actual
        + (actual == 0 ? " (it does not exist)" : ""));
    this.id = id;
    this.expected = expected;
    this.actual = actual;
  }

  /** @return the item's id */
  public String id() {
    return id;
  }

  /** @return the version the caller expected */
  public long expected() {
    return expected;
  }

  /** @return the stored version, 0 if the item does not exist */
  public long actual() {
    return actual;
  }
}
