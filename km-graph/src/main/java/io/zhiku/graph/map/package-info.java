/**
 * Knowledge maps: a concept's, a customer's or a work context's neighbourhood of concepts, items,
 * experts and partners, static and dynamic, for one viewer ({@link io.zhiku.graph.map.KnowledgeMaps},
 * {@link io.zhiku.graph.map.KnowledgeMap}), exported as JSON, DOT or GraphML.
 */
package io.zhiku.graph.map;
