package io.zhiku.core.json;

import io.zhiku.core.ZhikuException;

/**
 * Thrown when JSON cannot be read: malformed syntax, an unknown field, a wrong type, or input over the
 * {@link ZhikuJson} limits. The message names the field path and the position in the input.
 * (A well-formed value that breaks a model rule throws {@link io.zhiku.core.ValidationException}
 * instead.)
 */
public class JsonFormatException extends ZhikuException {
  private static final long serialVersionUID = 1L;

  /** The JSON path of the offending value, or empty. */
  private final String path;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, with the position
   * @param path the JSON path of the offending value, e.g. {@code "attributes.budget.value"}, or empty
   * @param cause the parser's exception
   */
  public JsonFormatException(String message, String path, Throwable cause) {
    super(message, cause);
    this.path = path;
  }

  /**
   * Returns where in the document the problem is.
   *
   * @return a dotted path such as {@code "acl.users"}, or empty for the whole document
   */
  public String path() {
    return path;
  }
}
