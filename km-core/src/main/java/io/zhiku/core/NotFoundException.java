package io.zhiku.core;

/**
 * Thrown when an operation names something that does not exist: a concept id unknown to the taxonomy,
 * a scheme that was never defined. The message quotes the missing id.
 */
public class NotFoundException extends ZhikuException {
  private static final long serialVersionUID = 1L;

  /** The id that was not found. */
  private final String id;

  /**
   * Creates the exception.
   *
   * @param what the kind of thing looked for, e.g. {@code "concept"}
   * @param id the id that was not found
   */
  public NotFoundException(String what, String id) {
    super(what + " " + ValidationException.quote(id) + " does not exist");
    this.id = id;
  }

  /**
   * Returns the id that was not found.
   *
   * @return the id as given
   */
  public String id() {
    return id;
  }
}
