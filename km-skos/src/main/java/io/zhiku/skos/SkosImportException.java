package io.zhiku.skos;

import io.zhiku.core.ZhikuException;

/**
 * Thrown when a SKOS file cannot be imported: malformed RDF or malformed bytes (the message gives the
 * line and column, and for bytes the offset), a file over a limit of {@link SkosOptions} (named in the
 * message), a forbidden DOCTYPE, or content that does not make a valid taxonomy (the message names the
 * concept). The taxonomy being imported into is never changed.
 */
public class SkosImportException extends ZhikuException {
  private static final long serialVersionUID = 1L;

  /** The line in the file, or -1 if not known. */
  private final long line;
  /** The column in the file, or -1 if not known. */
  private final long column;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the position or the concept
   * @param line the line in the file, or -1 if not known
   * @param column the column in the file, or -1 if not known
   * @param cause the underlying failure, or {@code null}
   */
  public SkosImportException(String message, long line, long column, Throwable cause) {
    super(message, cause);
    this.line = line;
    this.column = column;
  }

  /**
   * Returns the line of the error in the file.
   *
   * @return the line, 1-based, or -1 if not known
   */
  public long line() {
    return line;
  }

  /**
   * Returns the column of the error in the file.
   *
   * @return the column, 1-based, or -1 if not known
   */
  public long column() {
    return column;
  }
}
