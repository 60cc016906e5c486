package io.zhiku.skos;

import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.LabelNormalizer;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.Label;
import io.zhiku.core.taxonomy.Note;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.SKOS;

/**
 * The statements of a SKOS file that make a taxonomy, kept compactly as they stream from the parser:
 * {@code rdf:type} of concepts, schemes and collections, and the SKOS properties the import maps. Every
 * other statement (Dublin Core dates, SKOS-XL, provenance) is dropped as it arrives and costs no heap.
 * Resources are shared, literals kept as their text and language only (labels already collapsed to one
 * line), values grouped by subject and property: a fraction of the heap of a general RDF model.
 *
 * <p>A subject with more values of one concept property than a {@link Concept} can hold ({@value
 * Concept#MAX_ENTRIES}) is refused as the statement arrives, so one subject cannot grow without bound.
 * Not thread-safe: one per import.
 */
final class SkosStatements {
  /** The SKOS properties the import reads. */
  enum Property {
    IN_SCHEME(SKOS.IN_SCHEME, true),
    TOP_CONCEPT_OF(SKOS.TOP_CONCEPT_OF, true),
    HAS_TOP_CONCEPT(SKOS.HAS_TOP_CONCEPT, false),
    BROADER(SKOS.BROADER, true),
    NARROWER(SKOS.NARROWER, false),
    RELATED(SKOS.RELATED, true),
    PREF_LABEL(SKOS.PREF_LABEL, true),
    ALT_LABEL(SKOS.ALT_LABEL, true),
    HIDDEN_LABEL(SKOS.HIDDEN_LABEL, true),
    NOTATION(SKOS.NOTATION, true),
    SCOPE_NOTE(SKOS.SCOPE_NOTE, true),
    DEFINITION(SKOS.DEFINITION, true);

    final IRI iri;
    /** Whether the subject is the concept that holds the values, so their number is bounded. */
    final boolean bounded;

    Property(IRI iri, boolean bounded) {
      this.iri = iri;
      this.bounded = bounded;
    }

    private static final Map<IRI, Property> BY_IRI = new HashMap<>();

    static {
      for (Property p : values()) {
        BY_IRI.put(p.iri, p);
      }
    }
  }

  /**
   * A literal as the import needs it: its text (for labels and notations already single-line: runs of
   * white space, line breaks included, collapsed to one space) and language ({@code ""} for none).
   */
  record Text(String label, String language) {
    @Override
    public String toString() {
      return "\"" + label + "\"" + (language.isEmpty() ? "" : "@" + language);
    }
  }

  private static final Property[] PROPERTIES = Property.values();
  private static final Set<Value> SKOS_TYPES = Set.of(SKOS.CONCEPT, SKOS.CONCEPT_SCHEME, SKOS.COLLECTION);

  private final Map<Value, Resource> resources = new HashMap<>();
  private final Map<String, String> languages = new HashMap<>();
  private final Map<Resource, Object[]> bySubject = new LinkedHashMap<>();
  private final Map<Resource, List<Resource>> narrowerOf = new HashMap<>();
  private final Map<Resource, List<Resource>> topConceptOf = new HashMap<>();
  private final Set<Resource> concepts = new LinkedHashSet<>();
  private final Set<Resource> schemes = new LinkedHashSet<>();
  private final Set<Resource> collections = new HashSet<>();
  private final Set<Resource> described = new HashSet<>();
  private final SkosInput.Position position;

  /** @param position where the parser is, for the position of a refusal */
  SkosStatements(SkosInput.Position position) {
    this.position = position;
  }

  /**
   * Keeps a statement if the import reads it.
   *
   * @param st the statement
   * @throws SkosInput.Refused if its subject has more values of a concept property than a concept holds, or a
   *     label or note is longer than a concept holds
   */
  void add(Statement st) throws SkosInput.Refused {
    IRI predicate = st.getPredicate();
    Value object = st.getObject();
    Property p = Property.BY_IRI.get(predicate);
    if (p == null && !(predicate.equals(RDF.TYPE) && SKOS_TYPES.contains(object))) {
      return; // nothing the import reads: nothing kept
    }
    Resource subject = share(st.getSubject());
    described.add(subject);
    if (p == null) {
      if (object.equals(SKOS.CONCEPT)) {
        concepts.add(subject);
      } else if (object.equals(SKOS.CONCEPT_SCHEME)) {
        schemes.add(subject);
      } else if (object.equals(SKOS.COLLECTION)) {
        collections.add(subject);
      }
      return;
    }
    Object kept = object instanceof Literal l ? text(subject, p, l) : share((Resource) object);
    Object[] values = bySubject.computeIfAbsent(subject, s -> new Object[PROPERTIES.length]);
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) values[p.ordinal()];
    if (list == null) {
      list = new ArrayList<>(2);
      values[p.ordinal()] = list;
    }
    if (p.bounded && list.size() == Concept.MAX_ENTRIES) {
      throw new SkosInput.Refused("<" + subject + "> has more than " + Concept.MAX_ENTRIES + " skos:" + p.iri.getLocalName()
          + " values (a concept holds at most " + Concept.MAX_ENTRIES + ")", position.line, position.column);
    }
    list.add(kept);
    if (p == Property.NARROWER && kept instanceof Resource r) {
      narrowerOf.computeIfAbsent(r, x -> new ArrayList<>(1)).add(subject);
    } else if (p == Property.HAS_TOP_CONCEPT && kept instanceof Resource r) {
      topConceptOf.computeIfAbsent(r, x -> new ArrayList<>(1)).add(subject);
    }
  }

  /**
   * A literal as kept: labels and notations collapsed to one line, as the import reads them. One longer
   * than a label or note may be is refused now rather than kept until the concept is built.
   */
  private Text text(Resource subject, Property p, Literal l) throws SkosInput.Refused {
    boolean note = p == Property.SCOPE_NOTE || p == Property.DEFINITION;
    String text = note ? l.getLabel() : LabelNormalizer.collapseWhitespace(l.getLabel());
    int max = note ? Note.MAX_CHARS : Label.MAX_CHARS;
    if (text.length() > max && (!note || Checks.stripControls(text).length() > max)) {
      throw new SkosInput.Refused("<" + subject + "> has a skos:" + p.iri.getLocalName() + " of " + text.length()
          + " characters; " + (note ? "a note" : "a label") + " holds at most " + max, position.line, position.column);
    }
    return new Text(text, language(l));
  }

  private Resource share(Resource r) {
    Resource shared = resources.putIfAbsent(r, r);
    return shared == null ? r : shared;
  }

  private String language(Literal l) {
    String language = l.getLanguage().orElse("");
    String shared = languages.putIfAbsent(language, language);
    return shared == null ? language : shared;
  }

  /**
   * The values of one property of a subject, without repeats, in file order.
   *
   * @return resources and {@link Text}s
   */
  Collection<Object> values(Resource subject, Property p) {
    Object[] values = bySubject.get(subject);
    @SuppressWarnings("unchecked")
    List<Object> list = values == null ? null : (List<Object>) values[p.ordinal()];
    return list == null ? List.of() : new LinkedHashSet<>(list);
  }

  /** @return the subjects having a value of the property, in file order */
  Set<Resource> subjects(Property p) {
    Set<Resource> out = new LinkedHashSet<>();
    bySubject.forEach((s, values) -> {
      if (values[p.ordinal()] != null) {
        out.add(s);
      }
    });
    return out;
  }

  /** @return every value of the property, of any subject, without repeats */
  Set<Object> allValues(Property p) {
    Set<Object> out = new LinkedHashSet<>();
    for (Object[] values : bySubject.values()) {
      if (values[p.ordinal()] != null) {
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) values[p.ordinal()];
        out.addAll(list);
      }
    }
    return out;
  }

  /** @return the subjects whose {@code skos:narrower} names this resource */
  List<Resource> narrowerOf(Resource object) {
    return narrowerOf.getOrDefault(object, List.of());
  }

  /** @return the schemes whose {@code skos:hasTopConcept} names this resource */
  List<Resource> topConceptOf(Resource object) {
    return topConceptOf.getOrDefault(object, List.of());
  }

  /** @return resources typed {@code skos:Concept}, in file order */
  Set<Resource> typedConcepts() {
    return concepts;
  }

  /** @return resources typed {@code skos:ConceptScheme}, in file order */
  Set<Resource> typedSchemes() {
    return schemes;
  }

  /** @return how many resources are typed {@code skos:Collection} */
  int collections() {
    return collections.size();
  }

  /** @return whether the resource is the subject of a statement the import reads (a SKOS type or property) */
  boolean described(Resource r) {
    return described.contains(r);
  }
}
