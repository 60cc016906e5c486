package io.zhiku.core;

/**
 * The root of every exception Zhiku throws. Unchecked: a caller mistake (bad input, an unknown id)
 * or a failure (an unreadable file) that a caller may catch as one type.
 *
 * <p>Messages quote the offending input and the limit it broke. Checked exceptions of the libraries
 * underneath (I/O, parsers) never leak from the API: they arrive wrapped in a subtype of this class,
 * with the original as the {@linkplain #getCause() cause}.
 *
 * <p>The kinds a host acts on differently: {@link ValidationException} (the request is wrong), {@link
 * NotFoundException}, {@link io.zhiku.core.kb.VersionConflictException} (another writer was first),
 * {@link StorageException} (the storage failed; not retryable as is) and its subclass {@link
 * UnavailableException} (retry after a pause). This class itself is thrown for the rest, such as a call on a
 * closed knowledge base or a misconfiguration.
 */
public class ZhikuException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, quoting the bad input and the limit
   */
  public ZhikuException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the failure that caused it.
   *
   * @param message what went wrong, quoting the bad input and the limit
   * @param cause the underlying failure
   */
  public ZhikuException(String message, Throwable cause) {
    super(message, cause);
  }
}
