package io.zhiku.core;

/**
 * Thrown when stored knowledge cannot be written or read: an I/O error, a full disk, a damaged or missing
 * file, an index that Lucene closed after such a failure, an error the Solr cluster answered that is not
 * transient. Nothing is wrong with the request ({@link ValidationException} says that), and the item's
 * version is not in question ({@link io.zhiku.core.kb.VersionConflictException} says that): the storage is.
 *
 * <p>Retrying the same call as it is will not help until the cause is fixed (free space, restore or
 * repair the files; see the message and the {@linkplain #getCause() cause}), except for the subclass
 * {@link UnavailableException}: a cluster that cannot serve the request <em>for now</em>, where a retry
 * after a pause is the remedy. What the knowledge base committed before the failure is safe; a write that
 * failed may or may not have been applied, as the method that threw says.
 */
public class StorageException extends ZhikuException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what could not be stored or read, and where
   * @param cause the underlying failure, or {@code null}
   */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
