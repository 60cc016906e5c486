package io.zhiku.skos;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.ProgressReporter;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.skos.SkosStatements.Property;
import io.zhiku.skos.SkosStatements.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.eclipse.rdf4j.common.exception.RDF4JException;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.rio.ParserConfig;
import org.eclipse.rdf4j.rio.RDFHandlerException;
import org.eclipse.rdf4j.rio.RDFParseException;
import org.eclipse.rdf4j.rio.RDFParser;
import org.eclipse.rdf4j.rio.helpers.AbstractRDFHandler;
import org.eclipse.rdf4j.rio.helpers.XMLParserSettings;
import org.eclipse.rdf4j.rio.rdfxml.RDFXMLParser;
import org.eclipse.rdf4j.rio.turtle.TurtleParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/** Reads SKOS into a taxonomy builder. One instance per import; not thread-safe. */
final class SkosReader {
  private static final Logger LOG = LoggerFactory.getLogger(SkosReader.class);

  private final SkosOptions options;
  private final Map<String, String> conceptIris = new HashMap<>(); // id -> IRI, to report id clashes
  private final Map<String, String> schemeIris = new HashMap<>();

  SkosReader(SkosOptions options) {
    this.options = options;
  }

  /**
   * Parses the file into an RDF model, through the guards of {@link SkosInput} (size, encoding, nesting,
   * literal length, each refused as it streams), with the XML hardening applied.
   */
  SkosStatements parse(InputStream in, SkosFormat format, String fileIri, ProgressReporter bytesRead) {
    String base = options.baseIri() != null ? options.baseIri() : fileIri != null ? fileIri : NO_BASE;
    RDFParser parser = format == SkosFormat.TURTLE ? new TurtleParser() : new RDFXMLParser();
    ParserConfig config = parser.getParserConfig();
    config.set(XMLParserSettings.SECURE_PROCESSING, true);
    config.set(XMLParserSettings.DISALLOW_DOCTYPE_DECL, true);
    config.set(XMLParserSettings.LOAD_EXTERNAL_DTD, false);
    config.set(XMLParserSettings.EXTERNAL_GENERAL_ENTITIES, false);
    config.set(XMLParserSettings.EXTERNAL_PARAMETER_ENTITIES, false);
    if (format == SkosFormat.RDF_XML) {
      config.set(XMLParserSettings.CUSTOM_XML_READER, SkosInput.depthLimited(hardenedXmlReader(), options.maxDepth()));
    }
    SkosInput.Position position = new SkosInput.Position(bytesRead);
    SkosStatements model = new SkosStatements(position);
    long maxStatements = options.maxStatements();
    parser.setRDFHandler(new AbstractRDFHandler() {
      private long count;

      @Override
      public void handleStatement(Statement st) {
        if (++count > maxStatements) {
          throw new RDFHandlerException(new SkosInput.Refused(
              "the file has more than " + maxStatements + " statements (SkosOptions.maxStatements)", position.line, position.column));
        }
        try {
          position.statement();
          model.add(st);
        } catch (SkosInput.Refused e) {
          throw new RDFHandlerException(e);
        }
      }
    });
    try (Reader text = SkosInput.open(in, format, options, position)) {
      parser.parse(text, base);
    } catch (RDFParseException e) {
      SkosInput.Refused refused = refused(e);
      if (refused != null) {
        throw refusal(format, refused);
      }
      if (base.equals(NO_BASE) && String.valueOf(e.getMessage()).contains("elative")) {
        throw new SkosImportException("SKOS " + format + " has a relative IRI at line " + e.getLineNumber() + ", column "
            + e.getColumnNumber() + " and no base IRI to resolve it against: read it from a file (relative IRIs then resolve "
            + "against its location) or give SkosOptions.withBaseIri (" + e.getMessage() + ")", e.getLineNumber(),
            e.getColumnNumber(), e);
      }
      throw new SkosImportException(
          "SKOS " + format + " is malformed at line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": "
              + e.getMessage(), e.getLineNumber(), e.getColumnNumber(), e);
    } catch (IOException | RDF4JException e) {
      SkosInput.Refused refused = refused(e);
      if (refused != null) {
        throw refusal(format, refused);
      }
      throw new SkosImportException("SKOS " + format + " could not be read: " + e.getMessage(), -1, -1, e);
    } catch (StackOverflowError e) {
      // The guards bound nesting well below what a normal thread stack takes; a host thread with a tiny
      // stack may still overflow. Report it as the input's fault, never as an Error out of the library.
      throw new SkosImportException("SKOS " + format + " is nested too deeply for this thread's stack: lower "
          + "SkosOptions.maxDepth (now " + options.maxDepth() + ") or import on a thread with a larger stack", -1, -1, null);
    }
    return model;
  }

  private static SkosInput.Refused refused(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SkosInput.Refused r) {
        return r;
      }
    }
    return null;
  }

  private static SkosImportException refusal(SkosFormat format, SkosInput.Refused r) {
    return new SkosImportException("SKOS " + format + " refused: " + r.getMessage(), r.line, r.column, r);
  }

  /** A namespace-aware SAX reader with secure processing on, DOCTYPE declarations refused, no external entity. */
  private static XMLReader hardenedXmlReader() {
    try {
      SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      return factory.newSAXParser().getXMLReader();
    } catch (ParserConfigurationException | SAXException e) {
      throw new SkosImportException("no hardened XML parser is available: " + e.getMessage(), -1, -1, e);
    }
  }

  /** The base given to the parser when there is none: opaque, so a relative IRI fails to resolve. */
  private static final String NO_BASE = "urn:zhiku:no-base";

  /** Adds the schemes and concepts of the statements to the builder. */
  void read(SkosStatements model, Taxonomy.Builder into) {
    Set<Resource> schemes = new LinkedHashSet<>(model.typedSchemes());
    addResources(model.allValues(Property.IN_SCHEME), schemes);
    addResources(model.allValues(Property.TOP_CONCEPT_OF), schemes);
    schemes.addAll(model.subjects(Property.HAS_TOP_CONCEPT));

    Set<Resource> concepts = new LinkedHashSet<>(model.typedConcepts());
    for (Property relation : List.of(Property.BROADER, Property.NARROWER, Property.RELATED)) {
      for (Resource subject : model.subjects(relation)) {
        concepts.add(subject);
        addResources(model.values(subject, relation), concepts);
      }
    }
    concepts.addAll(model.subjects(Property.TOP_CONCEPT_OF));
    addResources(model.allValues(Property.HAS_TOP_CONCEPT), concepts);
    // Collections (skos:Collection, iso-thes groups) carry inScheme too, but are not concepts.
    concepts.removeAll(schemes);

    String defaultScheme = null;
    for (Resource s : schemes) {
      IRI iri = requireIri(s, "concept scheme");
      String id = idFor(iri, options.schemeBase(), schemeIris, "concept scheme");
      Map<String, String> labels = prefLabels(model, s, iri);
      // A scheme the file names without labels keeps the definition it already has.
      if (!labels.isEmpty() || into.scheme(id).isEmpty()) {
        try {
          into.scheme(new ConceptScheme(id, uriFor(iri, options.schemeBase()), labels));
        } catch (ValidationException e) {
          throw new SkosImportException("concept scheme <" + iri + ">: " + e.getMessage(), -1, -1, e);
        }
      }
      defaultScheme = defaultScheme == null ? id : defaultScheme;
    }
    boolean noScheme = schemes.isEmpty();
    if (noScheme && !concepts.isEmpty()) {
      defaultScheme = options.defaultSchemeId();
      into.scheme(new ConceptScheme(defaultScheme, null, Map.of()));
    }
    Map<Resource, String> conceptIds = new LinkedHashMap<>();
    for (Resource c : concepts) {
      conceptIds.put(c, idFor(requireIri(c, "concept"), options.conceptBase(), conceptIris, "concept"));
    }
    List<Concept> built = new ArrayList<>(conceptIds.size());
    for (Map.Entry<Resource, String> e : conceptIds.entrySet()) {
      // A concept the file only refers to (never as a subject) keeps the definition it already has.
      if (model.described(e.getKey()) || !into.containsConcept(e.getValue())) {
        built.add(concept(model, (IRI) e.getKey(), e.getValue(), conceptIds, schemes.size() <= 1 ? defaultScheme : null));
      }
    }
    for (Concept c : built) {
      try {
        into.concept(c);
      } catch (ValidationException ex) {
        throw new SkosImportException(
            "concept <" + iriOf(c) + ">: " + ex.getMessage(), -1, -1, ex);
      }
    }
    LOG.debug("read {} schemes and {} concepts; skipped {} collections", schemes.size(), built.size(), model.collections());
  }

  private String iriOf(Concept c) {
    return c.uri() != null ? c.uri() : options.conceptBase() + c.id();
  }

  private Concept concept(SkosStatements model, IRI iri, String id, Map<Resource, String> ids, String fallbackScheme) {
    try {
      Concept.Builder b = Concept.builder(id).uri(uriFor(iri, options.conceptBase()));
      Set<String> schemes = new LinkedHashSet<>();
      for (Object v : model.values(iri, Property.IN_SCHEME)) {
        schemes.add(schemeId(v));
      }
      for (Object v : model.values(iri, Property.TOP_CONCEPT_OF)) {
        b.topConceptOf(schemeId(v));
      }
      for (Resource s : model.topConceptOf(iri)) {
        b.topConceptOf(schemeId(s));
      }
      schemes.forEach(b::inScheme);
      if (schemes.isEmpty() && model.values(iri, Property.TOP_CONCEPT_OF).isEmpty() && model.topConceptOf(iri).isEmpty()) {
        if (fallbackScheme == null) {
          throw new SkosImportException(
              "concept <" + iri + "> is in no scheme, and the file declares several schemes: add skos:inScheme", -1, -1, null);
        }
        b.inScheme(fallbackScheme);
      }
      prefLabels(model, iri, iri).forEach(b::prefLabel);
      for (Text l : texts(model, iri, Property.ALT_LABEL)) {
        b.altLabel(l.language(), l.label());
      }
      for (Text l : texts(model, iri, Property.HIDDEN_LABEL)) {
        b.hiddenLabel(l.language(), l.label());
      }
      for (Object v : model.values(iri, Property.BROADER)) {
        b.broader(conceptRef(ids, v, "skos:broader"));
      }
      for (Resource s : model.narrowerOf(iri)) {
        b.broader(conceptRef(ids, s, "skos:narrower (as its subject)"));
      }
      for (Object v : model.values(iri, Property.RELATED)) {
        b.related(conceptRef(ids, v, "skos:related"));
      }
      for (Text l : texts(model, iri, Property.NOTATION)) {
        b.notation(l.label());
      }
      for (Text l : texts(model, iri, Property.SCOPE_NOTE)) {
        b.scopeNote(l.language(), l.label());
      }
      for (Text l : texts(model, iri, Property.DEFINITION)) {
        b.definition(l.language(), l.label());
      }
      return b.build();
    } catch (ValidationException e) {
      throw new SkosImportException("concept <" + iri + ">: " + e.getMessage(), -1, -1, e);
    }
  }

  private String schemeId(Object scheme) {
    if (!(scheme instanceof Resource r)) {
      throw new ValidationException("skos:inScheme", scheme, "must name a concept scheme by its IRI, not a literal");
    }
    return idFor(requireIri(r, "concept scheme"), options.schemeBase(), schemeIris, "concept scheme");
  }

  private static String conceptRef(Map<Resource, String> ids, Object v, String relation) {
    String id = v instanceof Resource r ? ids.get(r) : null;
    if (id == null) {
      throw new ValidationException(relation, v, "must name a concept (it names a concept scheme or a literal)");
    }
    return id;
  }

  private Map<String, String> prefLabels(SkosStatements model, Resource subject, IRI named) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Text l : texts(model, subject, Property.PREF_LABEL)) {
      String language = l.language();
      String text = l.label();
      String earlier = labels.putIfAbsent(language, text);
      if (earlier != null && !earlier.equals(text)) {
        throw new SkosImportException(
            "<" + named + "> has two skos:prefLabel in language \"" + language + "\": \"" + earlier + "\" and \""
                + text + "\" (SKOS allows one per language)", -1, -1, null);
      }
    }
    return labels;
  }

  private static List<Text> texts(SkosStatements model, Resource subject, Property p) {
    List<Text> out = new ArrayList<>();
    for (Object v : model.values(subject, p)) {
      if (!(v instanceof Text l)) {
        throw new SkosImportException(
            "<" + subject + "> has a " + p.iri.getLocalName() + " that is not a literal: " + v, -1, -1, null);
      }
      out.add(l);
    }
    return out;
  }

  private static void addResources(java.util.Collection<Object> values, Set<Resource> into) {
    for (Object v : values) {
      if (!(v instanceof Resource r)) {
        throw new SkosImportException("expected a resource (an IRI), found the literal " + v, -1, -1, null);
      }
      into.add(r);
    }
  }

  private static IRI requireIri(Resource r, String what) {
    if (!(r instanceof IRI iri)) {
      throw new SkosImportException("a " + what + " must be named by an IRI, found blank node " + r, -1, -1, null);
    }
    return iri;
  }

  private static String uriFor(IRI iri, String base) {
    return iri.stringValue().startsWith(base) ? null : iri.stringValue();
  }

  private static String idFor(IRI iri, String base, Map<String, String> seen, String what) {
    String full = iri.stringValue();
    String id = full.startsWith(base) ? full.substring(base.length()) : iri.getLocalName();
    try {
      Checks.id(what + " id", id);
    } catch (ValidationException e) {
      throw new SkosImportException(
          what + " <" + full + ">: its id \"" + id + "\" (the IRI's local name) is not a valid id: " + e.limit(), -1, -1, e);
    }
    String other = seen.putIfAbsent(id, full);
    if (other != null && !other.equals(full)) {
      throw new SkosImportException(
          what + "s <" + other + "> and <" + full + "> would both get the id \"" + id + "\"", -1, -1, null);
    }
    return id;
  }
}
