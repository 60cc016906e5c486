package io.zhiku.core;

/**
 * Thrown when the engine cannot take or answer a request for now: a cluster node is down, a shard has no
 * leader while a new one is elected, a request timed out. Unlike {@link ValidationException}, nothing is
 * wrong with the request: retry it as it is, after a pause (the embedded engine never throws this). It is
 * the one {@link StorageException} that a retry is meant to fix.
 *
 * <p>For a write, whether it was applied is not known. Retrying is safe: a write of any version applied
 * twice only counts one more version, and a write with an expected version that was applied the first
 * time gets a {@link io.zhiku.core.kb.VersionConflictException} whose {@code actual()} is one above the
 * version expected (read the item to see whether the stored one is the caller's).
 */
public class UnavailableException extends StorageException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what could not be done and why, without credentials
   * @param cause the engine's error
   */
  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
