package io.zhiku.core.kb;

import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.KnowledgeItem;

/**
 * One change to the item store, with the sequence number the knowledge base gave it. Sequence
 * numbers grow by one per change, across batches and restarts. {@link ChangeListener}s receive changes
 * as these values, and engines apply them ({@link io.zhiku.core.spi.KnowledgeIndex#apply}). Values:
 * immutable and thread-safe.
 */
public sealed interface ItemChange {
  /**
   * The sequence number of this change.
   *
   * @return a positive number
   */
  long sequence();

  /**
   * The id of the item changed.
   *
   * @return the id
   */
  String id();

  /**
   * Stores an item (new, or replacing the item with the same id).
   *
   * @param sequence the change's sequence number
   * @param item the item, with its version and timestamps already set
   */
  record Put(long sequence, KnowledgeItem item) implements ItemChange {
    /**
     * Validates.
     *
     * @param sequence the change's sequence number
     * @param item the item, with its version and timestamps already set
     */
    public Put {
      Checks.present("ItemChange.Put.item", item);
    }

    @Override
    public String id() {
      return item.id();
    }
  }

  /**
   * Deletes an item.
   *
   * @param sequence the change's sequence number
   * @param id the item's id
   * @param version the version of the item deleted (what an engine shared by many writers checks
   *     before it deletes)
   */
  record Delete(long sequence, String id, long version) implements ItemChange {
    /**
     * Validates.
     *
     * @param sequence the change's sequence number
     * @param id the item's id
     * @param version the version of the item deleted, 1 or more
     * @throws io.zhiku.core.ValidationException if the id is not valid or the version is below 1
     */
    public Delete {
      Checks.id("ItemChange.Delete.id", id);
      if (version < 1) {
        throw new io.zhiku.core.ValidationException("ItemChange.Delete.version", Long.toString(version), "at least 1");
      }
    }
  }
}
