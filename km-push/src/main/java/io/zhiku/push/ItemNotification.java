package io.zhiku.push;

import io.zhiku.core.access.Principal;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.KnowledgeItem;

/**
 * A subscriber hears of a new or updated item under a concept it subscribed to. Only sent when the
 * subscriber may read the item.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param subscriber who subscribed
 * @param conceptId the concept subscribed to (the item is classified under it or a descendant)
 * @param item the item as stored
 * @param created {@code true} for a new item, {@code false} for an update
 */
public record ItemNotification(Principal subscriber, String conceptId, KnowledgeItem item, boolean created) {
  /**
   * Validates.
   *
   * @param subscriber who subscribed
   * @param conceptId the concept subscribed to (the item is classified under it or a descendant)
   * @param item the item as stored
   * @param created {@code true} for a new item, {@code false} for an update
   * @throws io.zhiku.core.ValidationException if a part is missing
   */
  public ItemNotification {
    Checks.present("ItemNotification.subscriber", subscriber);
    Checks.id("ItemNotification.conceptId", conceptId);
    Checks.present("ItemNotification.item", item);
  }
}
