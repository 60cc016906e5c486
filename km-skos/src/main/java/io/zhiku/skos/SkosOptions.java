package io.zhiku.skos;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.taxonomy.Concept;

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
 * @param maxDepth the deepest nesting: of blank-node property lists and collections in Turtle, of
 *     elements in RDF/XML (the root element is 1)
 * @param maxLiteralChars the longest string, IRI, comment or name in Turtle; in RDF/XML, the longest run
 *     of characters without a {@code <} (text, an attribute value, a tag)
 * @param baseIri the absolute IRI that relative IRIs in a file (such as {@code rdf:about="10002944"})
 *     resolve against, or {@code null}: then a file read from a path resolves them against its own location
 *     ({@code file:} IRI), as RDF tools do, and a stream refuses them. It only resolves references: ids
 *     still come from the resolved IRIs as described above
 */
public record SkosOptions(
    String conceptBase, String schemeBase, String defaultSchemeId, long maxBytes, long maxStatements,
    int maxDepth, int maxLiteralChars, String baseIri) {

  /**
   * Defaults: {@code urn:zhiku:concept:} and {@code urn:zhiku:scheme:}, scheme {@code "default"}, 256 MiB,
   * 2 million statements, nesting 64 deep, 1 MiB characters per literal. Any file within them imports in a
   * heap of 1 GiB; the worst is two million labels, which the taxonomy then holds (measured by {@code
   * SkosImportMemory} in the benchmarks). The UNESCO Thesaurus has about 40,000 statements.
   */
  public static final SkosOptions DEFAULTS =
      new SkosOptions("urn:zhiku:concept:", "urn:zhiku:scheme:", "default", 256L << 20, 2_000_000L, 64, 1 << 20, null);

  /**
   * Options with the default structure limits ({@link #DEFAULTS}' depth and literal length).
   *
   * @param conceptBase the IRI prefix of concepts minted here
   * @param schemeBase the IRI prefix of schemes minted here
   * @param defaultSchemeId the scheme of concepts in a file that declares none
   * @param maxBytes the largest file read, in bytes
   * @param maxStatements the most RDF statements read
   * @throws ValidationException as the canonical constructor does
   */
  public SkosOptions(String conceptBase, String schemeBase, String defaultSchemeId, long maxBytes, long maxStatements) {
    this(conceptBase, schemeBase, defaultSchemeId, maxBytes, maxStatements, 64, 1 << 20, null);
  }

  /**
   * Validates.
   *
   * @param conceptBase the IRI prefix of concepts minted here, e.g. {@code "urn:zhiku:concept:"}
   * @param schemeBase the IRI prefix of schemes minted here, e.g. {@code "urn:zhiku:scheme:"}
   * @param defaultSchemeId the scheme given to concepts of a file that declares no scheme at all
   * @param maxBytes the largest file read, in bytes
   * @param maxStatements the most RDF statements read
   * @param maxDepth the deepest nesting: of blank-node property lists and collections in Turtle, of
   *     elements in RDF/XML (the root element is 1)
   * @param maxLiteralChars the longest string, IRI, comment or name in Turtle; in RDF/XML, the longest run
   *     of characters without a {@code <} (text, an attribute value, a tag)
   * @param baseIri the absolute IRI that relative IRIs in a file (such as {@code rdf:about="10002944"})
   *     resolve against, or {@code null}: then a file read from a path resolves them against its own location
   *     ({@code file:} IRI), as RDF tools do, and a stream refuses them. It only resolves references: ids
   *     still come from the resolved IRIs as described above
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
    if (maxDepth < 1 || maxDepth > MAX_DEPTH) {
      throw new ValidationException("SkosOptions.maxDepth", maxDepth, "must be from 1 to " + MAX_DEPTH
          + " (the RDF parsers recurse once or more per level)");
    }
    if (maxLiteralChars < 1) {
      throw new ValidationException("SkosOptions.maxLiteralChars", maxLiteralChars, "must be positive");
    }
    Checks.optionalIri("SkosOptions.baseIri", baseIri);
  }

  /** The deepest nesting any options allow: deeper, the parsers' recursion risks the thread's stack. */
  public static final int MAX_DEPTH = 256;

  /**
   * These options with other size limits.
   *
   * @param bytes the largest file read, in bytes
   * @param statements the most RDF statements read
   * @return the new options
   */
  public SkosOptions withLimits(long bytes, long statements) {
    return new SkosOptions(conceptBase, schemeBase, defaultSchemeId, bytes, statements, maxDepth, maxLiteralChars, baseIri);
  }

  /**
   * These options with other structure limits.
   *
   * @param depth the deepest nesting, 1 to {@value #MAX_DEPTH}
   * @param literalChars the longest literal (see {@link #maxLiteralChars()})
   * @return the new options
   * @throws ValidationException if a limit is out of range
   */
  public SkosOptions withStructureLimits(int depth, int literalChars) {
    return new SkosOptions(conceptBase, schemeBase, defaultSchemeId, maxBytes, maxStatements, depth, literalChars, baseIri);
  }

  /**
   * These options with a base IRI for relative references.
   *
   * @param iri an absolute IRI, or {@code null} for the file's own location (streams then refuse relative IRIs)
   * @return the new options
   * @throws ValidationException if the IRI is not absolute
   */
  public SkosOptions withBaseIri(String iri) {
    return new SkosOptions(conceptBase, schemeBase, defaultSchemeId, maxBytes, maxStatements, maxDepth, maxLiteralChars, iri);
  }
}
