package io.zhiku.core.taxonomy;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.LabelNormalizer;
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
import org.eclipse.rdf4j.common.exception.RDF4JException;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.SKOS;
import org.eclipse.rdf4j.rio.ParserConfig;
import org.eclipse.rdf4j.rio.RDFHandlerException;
import org.eclipse.rdf4j.rio.RDFParseException;
import org.eclipse.rdf4j.rio.RDFParser;
import org.eclipse.rdf4j.rio.helpers.StatementCollector;
import org.eclipse.rdf4j.rio.helpers.XMLParserSettings;
import org.eclipse.rdf4j.rio.rdfxml.RDFXMLParser;
import org.eclipse.rdf4j.rio.turtle.TurtleParser;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
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
  Model parse(InputStream in, SkosFormat format) {
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
    Model model = new LinkedHashModel();
    long maxStatements = options.maxStatements();
    SkosInput.Position position = new SkosInput.Position();
    parser.setRDFHandler(new StatementCollector(model) {
      private long count;

      @Override
      public void handleStatement(Statement st) {
        if (++count > maxStatements) {
          throw new RDFHandlerException("the file has more than " + maxStatements + " statements (SkosOptions.maxStatements)");
        }
        try {
          position.statement();
        } catch (SkosInput.Refused e) {
          throw new RDFHandlerException(e);
        }
        super.handleStatement(st);
      }
    });
    try (Reader text = SkosInput.open(in, format, options, position)) {
      parser.parse(text, options.conceptBase());
    } catch (RDFParseException e) {
      SkosInput.Refused refused = refused(e);
      if (refused != null) {
        throw refusal(format, refused);
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

  /** Adds the schemes and concepts of the model to the builder. */
  void read(Model model, Taxonomy.Builder into) {
    Set<Resource> schemes = new LinkedHashSet<>(model.filter(null, RDF.TYPE, SKOS.CONCEPT_SCHEME).subjects());
    addObjects(model, SKOS.IN_SCHEME, schemes);
    addObjects(model, SKOS.TOP_CONCEPT_OF, schemes);
    schemes.addAll(model.filter(null, SKOS.HAS_TOP_CONCEPT, null).subjects());

    Set<Resource> concepts = new LinkedHashSet<>(model.filter(null, RDF.TYPE, SKOS.CONCEPT).subjects());
    for (IRI relation : List.of(SKOS.BROADER, SKOS.NARROWER, SKOS.RELATED)) {
      for (Statement st : model.filter(null, relation, null)) {
        concepts.add(st.getSubject());
        addResource(st.getObject(), concepts);
      }
    }
    concepts.addAll(model.filter(null, SKOS.TOP_CONCEPT_OF, null).subjects());
    addObjects(model, SKOS.HAS_TOP_CONCEPT, concepts);
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
      boolean described = model.contains(e.getKey(), null, null);
      if (described || !into.containsConcept(e.getValue())) {
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
    int collections = model.filter(null, RDF.TYPE, SKOS.COLLECTION).subjects().size();
    LOG.debug("read {} schemes and {} concepts; skipped {} collections", schemes.size(), built.size(), collections);
  }

  private String iriOf(Concept c) {
    return c.uri() != null ? c.uri() : options.conceptBase() + c.id();
  }

  private Concept concept(Model model, IRI iri, String id, Map<Resource, String> ids, String fallbackScheme) {
    try {
      Concept.Builder b = Concept.builder(id).uri(uriFor(iri, options.conceptBase()));
      Set<String> schemes = new LinkedHashSet<>();
      for (Value v : model.filter(iri, SKOS.IN_SCHEME, null).objects()) {
        schemes.add(schemeId(v));
      }
      for (Value v : model.filter(iri, SKOS.TOP_CONCEPT_OF, null).objects()) {
        b.topConceptOf(schemeId(v));
      }
      for (Resource s : model.filter(null, SKOS.HAS_TOP_CONCEPT, iri).subjects()) {
        b.topConceptOf(schemeId(s));
      }
      schemes.forEach(b::inScheme);
      if (schemes.isEmpty() && model.filter(iri, SKOS.TOP_CONCEPT_OF, null).isEmpty()
          && model.filter(null, SKOS.HAS_TOP_CONCEPT, iri).isEmpty()) {
        if (fallbackScheme == null) {
          throw new SkosImportException(
              "concept <" + iri + "> is in no scheme, and the file declares several schemes: add skos:inScheme", -1, -1, null);
        }
        b.inScheme(fallbackScheme);
      }
      prefLabels(model, iri, iri).forEach(b::prefLabel);
      for (Literal l : literals(model, iri, SKOS.ALT_LABEL)) {
        b.altLabel(l.getLanguage().orElse(""), label(l));
      }
      for (Literal l : literals(model, iri, SKOS.HIDDEN_LABEL)) {
        b.hiddenLabel(l.getLanguage().orElse(""), label(l));
      }
      for (Value v : model.filter(iri, SKOS.BROADER, null).objects()) {
        b.broader(conceptRef(ids, v, "skos:broader"));
      }
      for (Resource s : model.filter(null, SKOS.NARROWER, iri).subjects()) {
        b.broader(conceptRef(ids, s, "skos:narrower (as its subject)"));
      }
      for (Value v : model.filter(iri, SKOS.RELATED, null).objects()) {
        b.related(conceptRef(ids, v, "skos:related"));
      }
      for (Literal l : literals(model, iri, SKOS.NOTATION)) {
        b.notation(label(l));
      }
      for (Literal l : literals(model, iri, SKOS.SCOPE_NOTE)) {
        b.scopeNote(l.getLanguage().orElse(""), l.getLabel());
      }
      for (Literal l : literals(model, iri, SKOS.DEFINITION)) {
        b.definition(l.getLanguage().orElse(""), l.getLabel());
      }
      return b.build();
    } catch (ValidationException e) {
      throw new SkosImportException("concept <" + iri + ">: " + e.getMessage(), -1, -1, e);
    }
  }

  private String schemeId(Value scheme) {
    if (!(scheme instanceof Resource r)) {
      throw new ValidationException("skos:inScheme", scheme, "must name a concept scheme by its IRI, not a literal");
    }
    return idFor(requireIri(r, "concept scheme"), options.schemeBase(), schemeIris, "concept scheme");
  }

  private static String conceptRef(Map<Resource, String> ids, Value v, String relation) {
    String id = v instanceof Resource r ? ids.get(r) : null;
    if (id == null) {
      throw new ValidationException(relation, v, "must name a concept (it names a concept scheme or a literal)");
    }
    return id;
  }

  private Map<String, String> prefLabels(Model model, Resource subject, IRI named) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Literal l : literals(model, subject, SKOS.PREF_LABEL)) {
      String language = l.getLanguage().orElse("");
      String text = label(l);
      String earlier = labels.putIfAbsent(language, text);
      if (earlier != null && !earlier.equals(text)) {
        throw new SkosImportException(
            "<" + named + "> has two skos:prefLabel in language \"" + language + "\": \"" + earlier + "\" and \""
                + text + "\" (SKOS allows one per language)", -1, -1, null);
      }
    }
    return labels;
  }

  /** Labels are single-line: runs of white space, line breaks included, become one space. */
  private static String label(Literal l) {
    return LabelNormalizer.collapseWhitespace(l.getLabel());
  }

  private static List<Literal> literals(Model model, Resource subject, IRI predicate) {
    List<Literal> out = new ArrayList<>();
    for (Value v : model.filter(subject, predicate, null).objects()) {
      if (!(v instanceof Literal l)) {
        throw new SkosImportException(
            "<" + subject + "> has a " + predicate.getLocalName() + " that is not a literal: " + v, -1, -1, null);
      }
      out.add(l);
    }
    return out;
  }

  private static void addObjects(Model model, IRI predicate, Set<Resource> into) {
    for (Value v : model.filter(null, predicate, null).objects()) {
      addResource(v, into);
    }
  }

  private static void addResource(Value v, Set<Resource> into) {
    if (!(v instanceof Resource r)) {
      throw new SkosImportException("expected a resource (an IRI), found the literal " + v, -1, -1, null);
    }
    into.add(r);
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
