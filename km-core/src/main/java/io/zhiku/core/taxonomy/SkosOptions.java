package io.zhiku.core.taxonomy;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;

/**
 * Settings for SKOS import and export.
 *
 * <p>Ids and IRIs: on export, a concept without its own {@link Concept#uri()} is written as {@code
 * conceptBase + id}, a scheme as {@code schemeBase + id}. On import, an IRI that starts with the base
 * gives the rest as the id and no {@code uri}; any other IRI gives its local name (after the last
 * {@code #}, {@code /} or {@code :}) as the id and keeps the IRI as {@code uri}. So export followed by
 * import with the same options gives back an equal taxonomy.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param conceptBase the IRI prefix of concepts minted here, e.g. {@code "urn:zhiku:concept:"}
 * @param schemeBase the IRI prefix of schemes minted here, e.g. {@code "urn:zhiku:scheme:"}
 * @param defaultSchemeId the scheme given to concepts of a file that declares no scheme at all
 * @param maxBytes the largest file read, in bytes
 * @param maxStatements the most RDF statements read
 */
public record SkosOptions(
    String conceptBase, String schemeBase, String defaultSchemeId, long maxBytes, long maxStatements) {

  /** Defaults: {@code urn:zhiku:concept:} and {@code urn:zhiku:scheme:}, scheme {@code "default"}, 256 MiB, 5 million statements. */
  public static final SkosOptions DEFAULTS =
      new SkosOptions("urn:zhiku:concept:", "urn:zhiku:scheme:", "default", 256L << 20, 5_000_000L);

  /**
   * Validates.
   *
   * @throws ValidationException if a base is not an IRI, the scheme id is malformed, or a limit is not positive
   */
  public SkosOptions {
    Checks.present("SkosOptions.conceptBase", Checks.optionalIri("SkosOptions.conceptBase", conceptBase));
    Checks.present("SkosOptions.schemeBase", Checks.optionalIri("SkosOptions.schemeBase", schemeBase));
    if (conceptBase.equals(schemeBase)) {
      throw new ValidationException("SkosOptions.schemeBase", schemeBase, "must differ from conceptBase, or a scheme and a concept with the same id would share an IRI");
    }
    Checks.id("SkosOptions.defaultSchemeId", defaultSchemeId);
    if (maxBytes < 1) {
      throw new ValidationException("SkosOptions.maxBytes", maxBytes, "must be positive");
    }
    if (maxStatements < 1) {
      throw new ValidationException("SkosOptions.maxStatements", maxStatements, "must be positive");
    }
  }

  /**
   * These options with other size limits.
   *
   * @param bytes the largest file read, in bytes
   * @param statements the most RDF statements read
   * @return the new options
   */
  public SkosOptions withLimits(long bytes, long statements) {
    return new SkosOptions(conceptBase, schemeBase, defaultSchemeId, bytes, statements);
  }
}
