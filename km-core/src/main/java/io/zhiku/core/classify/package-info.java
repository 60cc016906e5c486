/**
 * Capture as a side effect of work: where a new item or text belongs in the taxonomy ({@link
 * io.zhiku.core.classify.ConceptSuggester}), each suggestion with its reasons, and always for a principal:
 * only what they may read counts.
 */
package io.zhiku.core.classify;
