package io.zhiku.skos;

import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.ProgressReporter;
import io.zhiku.core.kb.Progress;
import io.zhiku.core.kb.ProgressListener;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.rdf4j.common.exception.RDF4JException;

/**
 * SKOS import and export of {@link Taxonomy taxonomies}, in Turtle and RDF/XML, with Eclipse RDF4J Rio.
 *
 * <p><b>Mapping.</b> {@code skos:ConceptScheme} → {@link ConceptScheme}; {@code skos:Concept} → {@link
 * Concept}: {@code prefLabel}, {@code altLabel}, {@code hiddenLabel}, {@code broader} and {@code narrower}
 * (either direction in the source gives the same hierarchy), {@code related}, {@code inScheme}, {@code
 * topConceptOf} and {@code hasTopConcept}, {@code notation}, {@code scopeNote}, {@code definition}.
 * Collections and other vocabularies (Dublin Core dates, SKOS-XL) are skipped. Labels and notations
 * are single-line: runs of white space in them, line breaks included, are collapsed to one space on
 * import; any other control character refuses the file. Ids come from IRIs as
 * {@link SkosOptions} describes. A concept without {@code inScheme} joins the file's only scheme, or
 * {@link SkosOptions#defaultSchemeId()} if the file declares none. When reading into an existing
 * taxonomy, a concept the file only refers to (as the object of {@code broader}, say, never as a
 * subject) and a scheme it names without labels keep the definitions they already have.
 *
 * <p><b>Safety.</b> RDF/XML is parsed with DOCTYPE declarations refused, so no external entity or DTD is
 * ever loaded. Every limit of {@link SkosOptions} is enforced while the file streams, so a file over one is
 * refused when the limit is reached: size in bytes, statements, nesting depth (blank nodes and collections
 * in Turtle, elements in RDF/XML; the parsers recurse on it), and the length of any one literal, IRI, name
 * or comment. Bytes are decoded strictly — UTF-8 for Turtle; for RDF/XML the byte-order mark, else the
 * encoding the XML declaration names, else UTF-8 — so malformed bytes are refused with their offset, never
 * turned into U+FFFD. A parser that stops consuming input while still reporting statements (RDF4J's Turtle
 * parser does on some unclosed collections) is stopped after ten thousand of them.
 *
 * <p><b>Errors.</b> A malformed file throws {@link SkosImportException} with its line and column;
 * content that does not make a valid taxonomy (a cycle, two preferred labels in one language, a
 * reference to something that is not a concept) names the concept. The taxonomy imported into is
 * never changed: every import builds a new snapshot.
 *
 * <p>Stateless and thread-safe.
 */
public final class Skos {
  private Skos() {}

  /**
   * Reads a SKOS file with default options; the format comes from the file name.
   *
   * @param file a {@code .ttl}, {@code .rdf}, {@code .xml} or {@code .owl} file
   * @return the taxonomy
   * @throws SkosImportException if the file cannot be read or does not make a valid taxonomy
   */
  public static Taxonomy read(Path file) {
    return readInto(Taxonomy.empty(), file, SkosOptions.DEFAULTS);
  }

  /**
   * Reads a SKOS file; the format comes from the file name. Relative IRIs resolve against {@link
   * SkosOptions#baseIri()}, or else against the file's own location.
   *
   * @param file a {@code .ttl}, {@code .rdf}, {@code .xml} or {@code .owl} file
   * @param options ids, IRIs and limits
   * @return the taxonomy
   * @throws SkosImportException if the file cannot be read or does not make a valid taxonomy
   */
  public static Taxonomy read(Path file, SkosOptions options) {
    return readInto(Taxonomy.empty(), file, options);
  }

  /**
   * Reads a SKOS file into a copy of an existing taxonomy: its schemes and concepts are added, and
   * those with the same ids replaced.
   *
   * @param base the taxonomy to add to; it is not changed
   * @param file a {@code .ttl}, {@code .rdf}, {@code .xml} or {@code .owl} file
   * @param options ids, IRIs and limits
   * @return the combined taxonomy
   * @throws SkosImportException if the file cannot be read or the result is not a valid taxonomy
   */
  public static Taxonomy readInto(Taxonomy base, Path file, SkosOptions options) {
    return readInto(base, file, options, ProgressListener.NONE);
  }

  /**
   * Reads a SKOS file into a copy of an existing taxonomy, saying how far it has come: {@link
   * Progress#SKOS_IMPORT} in bytes read of the file's size, a few reports a second from the calling thread and
   * a last one when the taxonomy is built (or the import failed).
   *
   * @param base the taxonomy to add to; it is not changed
   * @param file a {@code .ttl}, {@code .rdf}, {@code .xml} or {@code .owl} file
   * @param options ids, IRIs and limits
   * @param progress hears the progress ({@link ProgressListener#NONE} for nobody); what it throws is logged
   *     and ignored
   * @return the combined taxonomy
   * @throws SkosImportException if the file cannot be read or the result is not a valid taxonomy
   */
  public static Taxonomy readInto(Taxonomy base, Path file, SkosOptions options, ProgressListener progress) {
    Checks.present("file", file);
    SkosFormat format = SkosFormat.forFileName(file);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return readInto(base, in, format, options, file.toAbsolutePath().toUri().toString(), progress, Files.size(file));
    } catch (IOException e) {
      throw new SkosImportException("cannot read SKOS file " + file + ": " + e.getMessage(), -1, -1, e);
    }
  }

  /**
   * Reads SKOS from a stream.
   *
   * @param in the stream; read to its end, not closed
   * @param format its syntax
   * @param options ids, IRIs and limits
   * @return the taxonomy
   * @throws SkosImportException if the input cannot be read or does not make a valid taxonomy
   */
  public static Taxonomy read(InputStream in, SkosFormat format, SkosOptions options) {
    return readInto(Taxonomy.empty(), in, format, options);
  }

  /**
   * Reads SKOS from a stream into a copy of an existing taxonomy.
   *
   * @param base the taxonomy to add to; it is not changed
   * @param in the stream; read to its end, not closed
   * @param format its syntax
   * @param options ids, IRIs and limits
   * @return the combined taxonomy
   * @throws SkosImportException if the input cannot be read or the result is not a valid taxonomy
   */
  public static Taxonomy readInto(Taxonomy base, InputStream in, SkosFormat format, SkosOptions options) {
    return readInto(base, in, format, options, ProgressListener.NONE);
  }

  /**
   * Reads SKOS from a stream into a copy of an existing taxonomy, saying how far it has come: {@link
   * Progress#SKOS_IMPORT} in bytes read (the total unknown), a few reports a second from the calling thread
   * and a last one when the taxonomy is built (or the import failed).
   *
   * @param base the taxonomy to add to; it is not changed
   * @param in the stream; read to its end, not closed
   * @param format its syntax
   * @param options ids, IRIs and limits
   * @param progress hears the progress ({@link ProgressListener#NONE} for nobody); what it throws is logged
   *     and ignored
   * @return the combined taxonomy
   * @throws SkosImportException if the input cannot be read or the result is not a valid taxonomy
   */
  public static Taxonomy readInto(Taxonomy base, InputStream in, SkosFormat format, SkosOptions options,
      ProgressListener progress) {
    return readInto(base, in, format, options, null, progress, -1);
  }

  private static Taxonomy readInto(Taxonomy base, InputStream in, SkosFormat format, SkosOptions options, String fileIri,
      ProgressListener progress, long totalBytes) {
    Checks.present("base", base);
    Checks.present("in", in);
    Checks.present("format", format);
    Checks.present("options", options);
    Checks.present("progress", progress);
    SkosReader reader = new SkosReader(options);
    Taxonomy.Builder builder = base.toBuilder();
    ProgressReporter bytesRead = new ProgressReporter(progress, Progress.SKOS_IMPORT, totalBytes);
    try {
      reader.read(reader.parse(in, format, fileIri, bytesRead), builder);
      try {
        return builder.build();
      } catch (ValidationException e) {
        throw new SkosImportException("the SKOS content is not a valid taxonomy: " + e.getMessage(), -1, -1, e);
      }
    } finally {
      bytesRead.finish();
    }
  }

  /**
   * Writes a taxonomy as SKOS with default options; the format comes from the file name. An existing
   * file is replaced.
   *
   * @param taxonomy the taxonomy
   * @param file a {@code .ttl}, {@code .rdf}, {@code .xml} or {@code .owl} file
   * @throws ZhikuException if the file cannot be written
   */
  public static void write(Taxonomy taxonomy, Path file) {
    write(taxonomy, file, SkosOptions.DEFAULTS);
  }

  /**
   * Writes a taxonomy as SKOS with the given options (the bases of IRIs minted for ids without their own
   * IRI); the format comes from the file name. Reading the file back with the same options gives an equal
   * taxonomy. An existing file is replaced.
   *
   * @param taxonomy the taxonomy
   * @param file a {@code .ttl}, {@code .rdf}, {@code .xml} or {@code .owl} file
   * @param options the bases of minted IRIs
   * @throws ZhikuException if the file cannot be written
   */
  public static void write(Taxonomy taxonomy, Path file, SkosOptions options) {
    Checks.present("file", file);
    SkosFormat format = SkosFormat.forFileName(file);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      write(taxonomy, out, format, options);
    } catch (IOException e) {
      throw new ZhikuException("cannot write SKOS file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a taxonomy as SKOS: every scheme and concept, with narrower relations written as well as
   * broader ones.
   *
   * @param taxonomy the taxonomy
   * @param out where to write; flushed, not closed
   * @param format the syntax
   * @param options the base IRIs for ids without their own IRI
   * @throws ZhikuException if writing fails
   */
  public static void write(Taxonomy taxonomy, OutputStream out, SkosFormat format, SkosOptions options) {
    Checks.present("taxonomy", taxonomy);
    Checks.present("out", out);
    Checks.present("format", format);
    Checks.present("options", options);
    try {
      new SkosWriter(options).write(taxonomy, out, format);
      out.flush();
    } catch (IOException | RDF4JException e) {
      throw new ZhikuException("cannot write SKOS " + format + ": " + e.getMessage(), e);
    }
  }
}
