package io.zhiku.core.item;

import io.zhiku.core.access.Acl;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.KnowledgeItem;
import java.util.Set;

/**
 * What push must know of a stored item without loading it: who may read it, where it is classified, its
 * status and when it last changed. The knowledge base keeps one per live item in memory, so that push
 * checks access and concepts of thousands of candidates without asking the engine. A value: immutable
 * and thread-safe.
 *
 * @param id the item's id
 * @param acl who may read it
 * @param concepts the concept ids it is classified under (not expanded)
 * @param status its status
 * @param updatedMillis when it last changed, in epoch milliseconds
 */
public record ItemSummary(String id, Acl acl, Set<String> concepts, ItemStatus status, long updatedMillis) {
  /**
   * Validates and copies.
   *
   * @param id the item's id
   * @param acl who may read it
   * @param concepts the concept ids it is classified under (not expanded)
   * @param status its status
   * @param updatedMillis when it last changed, in epoch milliseconds
   * @throws io.zhiku.core.ValidationException if the id is malformed or a part is missing
   */
  public ItemSummary {
    Checks.id("ItemSummary.id", id);
    Checks.present("ItemSummary.acl", acl);
    concepts = Set.copyOf(Checks.present("ItemSummary.concepts", concepts));
    Checks.present("ItemSummary.status", status);
  }

  /**
   * The summary of a stored item.
   *
   * @param item the item, with its timestamps set
   * @return its summary
   */
  public static ItemSummary of(KnowledgeItem item) {
    return new ItemSummary(item.id(), item.acl(), item.concepts(), item.status(),
        item.updated() == null ? 0 : item.updated().toEpochMilli());
  }
}
