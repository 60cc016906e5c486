package io.zhiku.core.search;

/**
 * Turns text into a dense vector whose direction stands for its meaning, for semantic ranking: a
 * paraphrase that shares few words with the query can still rank first. Pluggable: a host passes one to
 * {@link io.zhiku.core.kb.KnowledgeBaseBuilder#embedder} (an in-process model, a company embedding
 * service); Zhiku ships none, so that the core carries no model.
 *
 * <p>How it is used: the engine embeds each item's title, tags and the start of its body when the item is
 * written, and the query text when a search has text; a hit's score is multiplied by a factor that grows
 * with the cosine similarity of the two vectors, and the items nearest the query's vector join the
 * word matches (see {@link SearchRequest}). Both happen only among the items the principal may read: the
 * access filter is applied inside the nearest-neighbour search, never after it.
 *
 * <p>Implementations must be thread-safe (writers and searchers call it concurrently) and
 * deterministic (the same text gives the same vector), and must always return vectors of {@link
 * #dimensions()} finite values. A different {@link #name()} tells the engine that vectors made by
 * another embedder must be made again: the engine re-embeds such items when it opens.
 */
public interface TextEmbedder {
  /**
   * Identifies the model and its settings, e.g. {@code "bge-small-zh-v1.5-q"}; stored with each vector.
   *
   * @return 1 to 64 characters of {@code a-z 0-9 -}, starting with a letter
   */
  String name();

  /**
   * The length of every vector, at most 4,096.
   *
   * @return the number of dimensions
   */
  int dimensions();

  /**
   * Embeds a text.
   *
   * @param text the text, never {@code null}, possibly long (the embedder truncates as its model needs)
   * @return a vector of {@link #dimensions()} finite values, not all zero
   * @throws RuntimeException if the model fails; the write or search that asked fails with it and
   *     changes nothing
   */
  float[] embed(String text);
}
