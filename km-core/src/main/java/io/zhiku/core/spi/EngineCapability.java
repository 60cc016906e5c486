package io.zhiku.core.spi;

/**
 * What an engine promises beyond what every engine must ({@link KnowledgeIndex#capabilities()}). The
 * knowledge base adapts to what is declared, documents on each method what holds without it, and the
 * conformance kits of {@code io.zhiku:km-testkit} check the promise that applies.
 */
public enum EngineCapability {
  /**
   * {@link KnowledgeIndex#apply} is all or nothing for the whole batch. Without it (a batch spread over
   * shards), each change is applied or not on its own, and a failed batch reports what was applied with
   * a {@link PartialBatchException}.
   */
  ATOMIC_BATCHES,
  /**
   * Many knowledge bases, in any number of processes, open the same data at once. The engine checks each
   * change's version against the stored one as it applies it, atomically per item (another writer may
   * have changed the item since the knowledge base read it), and hands each knowledge base the changes
   * the others made through {@link KnowledgeIndex#poll()}.
   */
  SHARED
}
