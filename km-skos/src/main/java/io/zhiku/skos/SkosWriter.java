package io.zhiku.skos;

import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.SKOS;
import org.eclipse.rdf4j.rio.RDFWriter;
import org.eclipse.rdf4j.rio.Rio;
import org.eclipse.rdf4j.rio.rdfxml.util.RDFXMLPrettyWriter;
import org.eclipse.rdf4j.rio.turtle.TurtleWriter;

/** Writes a taxonomy as SKOS. Stateless apart from its options; thread-safe. */
final class SkosWriter {
  private static final ValueFactory VF = SimpleValueFactory.getInstance();

  private final SkosOptions options;

  SkosWriter(SkosOptions options) {
    this.options = options;
  }

  Model toModel(Taxonomy taxonomy) {
    Model m = new LinkedHashModel();
    m.setNamespace(RDF.NS);
    m.setNamespace(SKOS.NS);
    for (ConceptScheme s : taxonomy.schemes()) {
      IRI iri = schemeIri(s.id(), taxonomy);
      m.add(iri, RDF.TYPE, SKOS.CONCEPT_SCHEME);
      labels(m, iri, SKOS.PREF_LABEL, s.prefLabels());
    }
    for (Concept c : taxonomy.concepts()) {
      IRI iri = conceptIri(c);
      m.add(iri, RDF.TYPE, SKOS.CONCEPT);
      for (String s : c.schemes()) {
        m.add(iri, SKOS.IN_SCHEME, schemeIri(s, taxonomy));
      }
      for (String s : c.topConceptOf()) {
        m.add(iri, SKOS.TOP_CONCEPT_OF, schemeIri(s, taxonomy));
        m.add(schemeIri(s, taxonomy), SKOS.HAS_TOP_CONCEPT, iri);
      }
      labels(m, iri, SKOS.PREF_LABEL, c.prefLabels());
      c.altLabels().forEach(l -> m.add(iri, SKOS.ALT_LABEL, literal(l.text(), l.language())));
      c.hiddenLabels().forEach(l -> m.add(iri, SKOS.HIDDEN_LABEL, literal(l.text(), l.language())));
      relations(m, iri, SKOS.BROADER, c.broader(), taxonomy);
      relations(m, iri, SKOS.NARROWER, taxonomy.narrower(c.id()), taxonomy);
      relations(m, iri, SKOS.RELATED, c.related(), taxonomy);
      c.notations().forEach(n -> m.add(iri, SKOS.NOTATION, VF.createLiteral(n)));
      c.scopeNotes().forEach(n -> m.add(iri, SKOS.SCOPE_NOTE, literal(n.text(), n.language())));
      c.definitions().forEach(n -> m.add(iri, SKOS.DEFINITION, literal(n.text(), n.language())));
    }
    return m;
  }

  void write(Taxonomy taxonomy, OutputStream out, SkosFormat format) {
    RDFWriter writer = format == SkosFormat.TURTLE ? new TurtleWriter(out) : new RDFXMLPrettyWriter(out);
    Rio.write(toModel(taxonomy), writer);
  }

  private void relations(Model m, IRI subject, IRI predicate, Set<String> ids, Taxonomy taxonomy) {
    for (String id : ids) {
      m.add(subject, predicate, conceptIri(taxonomy.concept(id).orElseThrow()));
    }
  }

  private static void labels(Model m, IRI subject, IRI predicate, Map<String, String> byLanguage) {
    byLanguage.forEach((language, text) -> m.add(subject, predicate, literal(text, language)));
  }

  private static Literal literal(String text, String language) {
    return language.isEmpty() ? VF.createLiteral(text) : VF.createLiteral(text, language);
  }

  private IRI conceptIri(Concept c) {
    return VF.createIRI(c.uri() != null ? c.uri() : options.conceptBase() + c.id());
  }

  private IRI schemeIri(String schemeId, Taxonomy taxonomy) {
    String uri = taxonomy.scheme(schemeId).map(ConceptScheme::uri).orElse(null);
    return VF.createIRI(uri != null ? uri : options.schemeBase() + schemeId);
  }
}
