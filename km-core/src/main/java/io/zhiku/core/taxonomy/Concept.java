package io.zhiku.core.taxonomy;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.Immutables;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A concept of the taxonomy, named after SKOS so that import and export map one to one: preferred
 * labels per language, alternative labels (synonyms, abbreviations), hidden labels (misspellings),
 * broader concepts (several: a polyhierarchy), related concepts, notations, scope notes and
 * definitions. Narrower concepts are not stored here; {@link Taxonomy#narrower(String)} derives them.
 *
 * <p>A value: immutable and thread-safe. Build one with {@link #builder(String, String)}.
 *
 * @param id the concept's id, unique in a taxonomy
 * @param uri the concept's IRI when it came from another vocabulary, or {@code null} (then SKOS export
 *     writes the configured concept base IRI followed by the id)
 * @param schemes ids of the schemes it belongs to; at least one
 * @param prefLabels its preferred label per language (key: BCP 47 tag, or empty for no language)
 * @param altLabels alternative labels
 * @param hiddenLabels hidden labels: found by lookup, never displayed
 * @param broader ids of its broader concepts; never itself
 * @param related ids of related concepts (the relation is symmetric in {@link Taxonomy#related}); never itself
 * @param notations codes such as {@code "C-12"}
 * @param scopeNotes how to use it
 * @param definitions what it means
 * @param topConceptOf ids of the schemes it is explicitly a top concept of; a subset of {@code schemes}
 */
public record Concept(
    String id,
    String uri,
    Set<String> schemes,
    Map<String, String> prefLabels,
    Set<Label> altLabels,
    Set<Label> hiddenLabels,
    Set<String> broader,
    Set<String> related,
    Set<String> notations,
    Set<Note> scopeNotes,
    Set<Note> definitions,
    Set<String> topConceptOf) {

  /** The most entries in each of the concept's sets and maps. */
  public static final int MAX_ENTRIES = 1024;

  /**
   * Validates and copies.
   *
   * @param id the concept's id, unique in a taxonomy
   * @param uri the concept's IRI when it came from another vocabulary, or {@code null} (then SKOS export
   *     writes the configured concept base IRI followed by the id)
   * @param schemes ids of the schemes it belongs to; at least one
   * @param prefLabels its preferred label per language (key: BCP 47 tag, or empty for no language)
   * @param altLabels alternative labels
   * @param hiddenLabels hidden labels: found by lookup, never displayed
   * @param broader ids of its broader concepts; never itself
   * @param related ids of related concepts (the relation is symmetric in {@link Taxonomy#related}); never itself
   * @param notations codes such as {@code "C-12"}
   * @param scopeNotes how to use it
   * @param definitions what it means
   * @param topConceptOf ids of the schemes it is explicitly a top concept of; a subset of {@code schemes}
   * @throws ValidationException if a part is malformed, the concept is in no scheme, refers to itself,
   *     or is a top concept of a scheme it is not in
   */
  public Concept {
    id = Checks.id("Concept.id", id);
    uri = Checks.optionalIri("Concept.uri", uri);
    schemes = Checks.ids("Concept.schemes", schemes, MAX_ENTRIES);
    if (schemes.isEmpty()) {
      throw new ValidationException("Concept.schemes", id, "a concept must belong to at least one scheme");
    }
    prefLabels = languageMap("Concept.prefLabels", prefLabels);
    altLabels = Checks.set("Concept.altLabels", altLabels, MAX_ENTRIES);
    hiddenLabels = Checks.set("Concept.hiddenLabels", hiddenLabels, MAX_ENTRIES);
    broader = Checks.ids("Concept.broader", broader, MAX_ENTRIES);
    related = Checks.ids("Concept.related", related, MAX_ENTRIES);
    if (broader.contains(id)) {
      throw new ValidationException("Concept.broader", id, "a concept must not be broader than itself (cycle " + id + " → " + id + ")");
    }
    if (related.contains(id)) {
      throw new ValidationException("Concept.related", id, "a concept must not be related to itself");
    }
    notations = Checks.lines("Concept.notations", notations, MAX_ENTRIES, Label.MAX_CHARS);
    scopeNotes = Checks.set("Concept.scopeNotes", scopeNotes, MAX_ENTRIES);
    definitions = Checks.set("Concept.definitions", definitions, MAX_ENTRIES);
    topConceptOf = Checks.ids("Concept.topConceptOf", topConceptOf, MAX_ENTRIES);
    for (String s : topConceptOf) {
      if (!schemes.contains(s)) {
        throw new ValidationException(
            "Concept.topConceptOf", s, "concept " + id + " can only be a top concept of a scheme it is in " + schemes);
      }
    }
  }

  static Map<String, String> languageMap(String field, Map<String, String> labels) {
    Map<String, String> copy = Checks.map(field, labels, MAX_ENTRIES);
    LinkedHashMap<String, String> out = new LinkedHashMap<>();
    copy.forEach((lang, text) -> {
      if (out.put(Checks.optionalLanguage(field, lang), Checks.line(field, text, Label.MAX_CHARS)) != null) {
        throw new ValidationException(
            field, copy.keySet(), "at most one preferred label per language (tags are compared in canonical case)");
      }
    });
    return Immutables.own(out);
  }

  /**
   * The preferred label to show to a reader of the given language: that language; else its base
   * language ({@code "zh"} for {@code "zh-Hant"}); else English; else the label without a language;
   * else the first label; else the id.
   *
   * @param language a BCP 47 tag, e.g. {@code "zh"}
   * @return a label, never {@code null}
   */
  public String prefLabel(String language) {
    String exact = prefLabels.get(language);
    if (exact != null) {
      return exact;
    }
    int dash = language.indexOf('-');
    if (dash > 0 && prefLabels.containsKey(language.substring(0, dash))) {
      return prefLabels.get(language.substring(0, dash));
    }
    for (String fallback : List.of("en", "")) {
      if (prefLabels.containsKey(fallback)) {
        return prefLabels.get(fallback);
      }
    }
    return prefLabels.isEmpty() ? id : prefLabels.values().iterator().next();
  }

  /**
   * Starts building a concept.
   *
   * @param id the concept's id
   * @param schemeId the first scheme it belongs to
   * @return a builder
   */
  public static Builder builder(String id, String schemeId) {
    return builder(id).inScheme(schemeId);
  }

  /**
   * Starts building a concept whose schemes are added with {@link Builder#inScheme} or {@link
   * Builder#topConceptOf}.
   *
   * @param id the concept's id
   * @return a builder
   */
  public static Builder builder(String id) {
    Builder b = new Builder();
    b.id = id;
    return b;
  }

  /**
   * A builder holding this concept's values, to make a changed copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.uri = uri;
    b.schemes.addAll(schemes);
    b.prefLabels.putAll(prefLabels);
    b.altLabels.addAll(altLabels);
    b.hiddenLabels.addAll(hiddenLabels);
    b.broader.addAll(broader);
    b.related.addAll(related);
    b.notations.addAll(notations);
    b.scopeNotes.addAll(scopeNotes);
    b.definitions.addAll(definitions);
    b.topConceptOf.addAll(topConceptOf);
    return b;
  }

  /** Builds {@link Concept}s. Not thread-safe; {@link #build()} may be called more than once. */
  public static final class Builder {
    private String id;
    private String uri;
    private final Set<String> schemes = new LinkedHashSet<>();
    private final Map<String, String> prefLabels = new LinkedHashMap<>();
    private final Set<Label> altLabels = new LinkedHashSet<>();
    private final Set<Label> hiddenLabels = new LinkedHashSet<>();
    private final Set<String> broader = new LinkedHashSet<>();
    private final Set<String> related = new LinkedHashSet<>();
    private final Set<String> notations = new LinkedHashSet<>();
    private final Set<Note> scopeNotes = new LinkedHashSet<>();
    private final Set<Note> definitions = new LinkedHashSet<>();
    private final Set<String> topConceptOf = new LinkedHashSet<>();

    private Builder() {}

    /**
     * @param uri the concept's external IRI, or {@code null}
     * @return this builder
     */
    public Builder uri(String uri) {
      this.uri = uri;
      return this;
    }

    /**
     * @param schemeIds further schemes the concept belongs to
     * @return this builder
     */
    public Builder inScheme(String... schemeIds) {
      schemes.addAll(List.of(schemeIds));
      return this;
    }

    /**
     * Sets the preferred label of a language, replacing an earlier one.
     *
     * @param language a BCP 47 tag, or empty
     * @param text the label
     * @return this builder
     */
    public Builder prefLabel(String language, String text) {
      prefLabels.put(language, text);
      return this;
    }

    /**
     * Adds an alternative label (a synonym or abbreviation).
     *
     * @param language a BCP 47 tag, or empty
     * @param text the label
     * @return this builder
     */
    public Builder altLabel(String language, String text) {
      altLabels.add(Label.of(text, language));
      return this;
    }

    /**
     * Adds a hidden label (a misspelling: looked up, never shown).
     *
     * @param language a BCP 47 tag, or empty
     * @param text the label
     * @return this builder
     */
    public Builder hiddenLabel(String language, String text) {
      hiddenLabels.add(Label.of(text, language));
      return this;
    }

    /**
     * @param conceptIds broader concepts to add
     * @return this builder
     */
    public Builder broader(String... conceptIds) {
      broader.addAll(List.of(conceptIds));
      return this;
    }

    /**
     * @param conceptIds broader concepts to add
     * @return this builder
     */
    public Builder broader(Collection<String> conceptIds) {
      broader.addAll(conceptIds);
      return this;
    }

    /**
     * @param conceptIds related concepts to add
     * @return this builder
     */
    public Builder related(String... conceptIds) {
      related.addAll(List.of(conceptIds));
      return this;
    }

    /**
     * @param notation a code to add
     * @return this builder
     */
    public Builder notation(String notation) {
      notations.add(notation);
      return this;
    }

    /**
     * Adds a scope note.
     *
     * @param language a BCP 47 tag, or empty
     * @param text the note
     * @return this builder
     */
    public Builder scopeNote(String language, String text) {
      scopeNotes.add(Note.of(text, language));
      return this;
    }

    /**
     * Adds a definition.
     *
     * @param language a BCP 47 tag, or empty
     * @param text the definition
     * @return this builder
     */
    public Builder definition(String language, String text) {
      definitions.add(Note.of(text, language));
      return this;
    }

    /**
     * Marks the concept as a top concept of a scheme (and adds it to that scheme).
     *
     * @param schemeId the scheme
     * @return this builder
     */
    public Builder topConceptOf(String schemeId) {
      schemes.add(schemeId);
      topConceptOf.add(schemeId);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the concept
     * @throws ValidationException if a part is malformed
     */
    public Concept build() {
      return new Concept(id, uri, schemes, prefLabels, altLabels, hiddenLabels, broader, related,
          notations, scopeNotes, definitions, topConceptOf);
    }
  }
}
