/**
 * SKOS import and export of {@link io.zhiku.core.taxonomy.Taxonomy taxonomies} in Turtle and RDF/XML:
 * {@link io.zhiku.skos.Skos} reads and writes, {@link io.zhiku.skos.SkosOptions} sets the IRI bases and the
 * limits enforced while a file streams, {@link io.zhiku.skos.SkosImportException} reports a file refused.
 * RDF4J's jars name no module, so this package lives in its own artifact, the automatic module
 * {@code io.zhiku.skos}, and km-core needs no RDF library.
 */
package io.zhiku.skos;
