package io.zhiku.core.taxonomy;

import io.zhiku.core.internal.Checks;
import java.util.Map;

/**
 * A dimension of the taxonomy: industry, product, business process, sales stage... Every concept
 * belongs to at least one scheme, and facets are counted per scheme.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param id the scheme's id
 * @param uri the scheme's IRI when it came from another vocabulary, or {@code null} (then SKOS export
 *     writes the configured scheme base IRI followed by the id)
 * @param prefLabels its name per language (key: BCP 47 tag, or empty for no language)
 */
public record ConceptScheme(String id, String uri, Map<String, String> prefLabels) {
  /**
   * Validates and copies.
   *
   * @param id the scheme's id
   * @param uri the scheme's IRI when it came from another vocabulary, or {@code null} (then SKOS export
   *     writes the configured scheme base IRI followed by the id)
   * @param prefLabels its name per language (key: BCP 47 tag, or empty for no language)
   * @throws io.zhiku.core.ValidationException if a part is malformed
   */
  public ConceptScheme {
    id = Checks.id("ConceptScheme.id", id);
    uri = Checks.optionalIri("ConceptScheme.uri", uri);
    prefLabels = Concept.languageMap("ConceptScheme.prefLabels", prefLabels);
  }

  /**
   * A scheme with a name in one language.
   *
   * @param id the id
   * @param language the name's language tag
   * @param name the name
   * @return the scheme
   */
  public static ConceptScheme of(String id, String language, String name) {
    return new ConceptScheme(id, null, Map.of(language, name));
  }
}
