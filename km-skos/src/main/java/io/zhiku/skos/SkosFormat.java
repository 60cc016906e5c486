package io.zhiku.skos;

import io.zhiku.core.ValidationException;
import java.nio.file.Path;
import java.util.Locale;

/** The RDF syntaxes SKOS taxonomies are read and written in. */
public enum SkosFormat {
  /** Turtle ({@code .ttl}). */
  TURTLE,
  /** RDF/XML ({@code .rdf}, {@code .xml}, {@code .owl}). */
  RDF_XML;

  /**
   * The format a file name suggests.
   *
   * @param file a path ending in {@code .ttl}, {@code .rdf}, {@code .xml} or {@code .owl}
   * @return the format
   * @throws ValidationException if the extension is none of those
   */
  public static SkosFormat forFileName(Path file) {
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    if (name.endsWith(".ttl")) {
      return TURTLE;
    }
    if (name.endsWith(".rdf") || name.endsWith(".xml") || name.endsWith(".owl")) {
      return RDF_XML;
    }
    throw new ValidationException("SKOS file", file, "the name must end in .ttl (Turtle) or .rdf, .xml, .owl (RDF/XML)");
  }
}
