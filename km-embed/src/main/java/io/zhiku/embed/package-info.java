/**
 * Embedding models that run in the host's JVM, behind {@link io.zhiku.core.search.TextEmbedder}: {@link
 * io.zhiku.embed.BundledEmbedders#chinese()} and {@link io.zhiku.embed.BundledEmbedders#english()}. Pass one
 * to {@link io.zhiku.core.kb.KnowledgeBaseBuilder#embedder} for semantic ranking.
 */
package io.zhiku.embed;
