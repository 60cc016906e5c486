/**
 * Capture as a side effect of work: where a new item or text belongs in the taxonomy ({@link
 * io.zhiku.core.classify.ConceptSuggester}), each suggestion with its reasons, and whether the knowledge
 * base already says the same ({@link io.zhiku.core.classify.DuplicateFinder}), each possible duplicate
 * with its probability; always for a principal: only what they may read counts.
 */
package io.zhiku.core.classify;
