/**
 * Expert finding: who knows about a question, a set of concepts or the work at hand, with the evidence
 * ({@link io.zhiku.graph.expert.ExpertFinder}); computed over what the asker may read.
 */
package io.zhiku.graph.expert;
