/**
 * The multi-dimensional taxonomy: {@link io.zhiku.core.taxonomy.ConceptScheme}s and {@link
 * io.zhiku.core.taxonomy.Concept}s in an immutable, thread-safe {@link io.zhiku.core.taxonomy.Taxonomy}
 * snapshot, edited through its builder, with SKOS import and export in {@link
 * io.zhiku.core.taxonomy.Skos}. Names follow SKOS so that import and export map one to one.
 */
package io.zhiku.core.taxonomy;
