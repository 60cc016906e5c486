/**
 * The multi-dimensional taxonomy: {@link io.zhiku.core.taxonomy.ConceptScheme}s and {@link
 * io.zhiku.core.taxonomy.Concept}s in an immutable, thread-safe {@link io.zhiku.core.taxonomy.Taxonomy}
 * snapshot, edited through its builder. Names follow SKOS so that import and export (in the
 * {@code km-skos} module, package {@code io.zhiku.skos}) map one to one.
 */
package io.zhiku.core.taxonomy;
