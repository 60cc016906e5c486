package io.zhiku.push;

/**
 * Receives {@link ItemNotification}s for subscriptions. Called on the knowledge base's notification
 * thread, never on the host's: a slow listener delays only later notifications, and an exception it
 * throws is logged and forgotten.
 */
@FunctionalInterface
public interface ItemListener {
  /**
   * A subscriber should hear of an item.
   *
   * @param notification who, which concept, which item
   */
  void onItem(ItemNotification notification);
}
