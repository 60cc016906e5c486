package io.zhiku.push.internal;

import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.push.ItemListener;
import io.zhiku.push.ItemNotification;
import io.zhiku.push.PushListener;
import io.zhiku.push.Recommendation;
import io.zhiku.push.WorkflowEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers pushes for workflow events and notifications for subscriptions on one daemon thread with a
 * bounded queue, so that the host's calls never wait for listeners. When the queue is full, new work is
 * dropped and counted (and logged); a listener's exception is logged. Thread-safe.
 */
public final class Notifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  /** The most deliveries waiting at once. */
  public static final int QUEUE_CAPACITY = 10_000;

  private final List<PushListener> pushListeners = new CopyOnWriteArrayList<>();
  private final List<ItemListener> itemListeners = new CopyOnWriteArrayList<>();
  /** Subscriber user id -> concept id -> the subscriber as it subscribed. */
  private final Map<String, Map<String, Principal>> subscriptions = new ConcurrentHashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
      new LinkedBlockingQueue<>(QUEUE_CAPACITY), r -> {
        Thread t = new Thread(r, "zhiku-notifier");
        t.setDaemon(true);
        return t;
      });

  /** @param l the listener to add */
  public void addPushListener(PushListener l) {
    pushListeners.add(l);
  }

  /**
   * @param l the listener to remove
   * @return whether it was registered
   */
  public boolean removePushListener(PushListener l) {
    return pushListeners.remove(l);
  }

  /** @param l the listener to add */
  public void addItemListener(ItemListener l) {
    itemListeners.add(l);
  }

  /**
   * @param l the listener to remove
   * @return whether it was registered
   */
  public boolean removeItemListener(ItemListener l) {
    return itemListeners.remove(l);
  }

  /**
   * Subscribes a person to a concept (replacing an earlier subscription of the same user to it).
   *
   * @param subscriber the person, with the groups and roles their access is checked with
   * @param conceptId the concept
   */
  public void subscribe(Principal subscriber, String conceptId) {
    subscriptions.computeIfAbsent(subscriber.userId(), k -> new ConcurrentHashMap<>()).put(conceptId, subscriber);
  }

  /**
   * Ends a subscription.
   *
   * @param userId the subscriber
   * @param conceptId the concept
   * @return whether there was one
   */
  public boolean unsubscribe(String userId, String conceptId) {
    Map<String, Principal> mine = subscriptions.get(userId);
    return mine != null && mine.remove(conceptId) != null;
  }

  /**
   * A user's subscriptions.
   *
   * @param userId the user
   * @return the concept ids
   */
  public Set<String> subscriptions(String userId) {
    Map<String, Principal> mine = subscriptions.get(userId);
    return mine == null ? Set.of() : Set.copyOf(mine.keySet());
  }

  /** @return how many deliveries were dropped because the queue was full */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Computes the push for a workflow event and hands it to every push listener, later, on the
   * notification thread.
   *
   * @param event the event
   * @param push how to compute a push
   */
  public void publish(WorkflowEvent event, Function<WorkflowEvent, List<Recommendation>> push) {
    if (pushListeners.isEmpty()) {
      return;
    }
    submit("push for " + event.type(), () -> {
      List<Recommendation> recs = push.apply(event);
      for (PushListener l : pushListeners) {
        deliver("push listener", () -> l.onPush(event, recs));
      }
    });
  }

  /**
   * Notifies subscribers of stored items, later, on the notification thread: each subscriber whose
   * concept (or a descendant) classifies a published item it may read, unless it wrote the item.
   *
   * @param items the items as stored
   * @param taxonomy how to expand concepts
   */
  public void itemsStored(List<KnowledgeItem> items, Supplier<Taxonomy> taxonomy) {
    if (itemListeners.isEmpty() || subscriptions.isEmpty()) {
      return;
    }
    // The subscriptions as of the write, not as of the delivery.
    List<Map.Entry<String, Principal>> subscribed = new java.util.ArrayList<>();
    subscriptions.values().forEach(byConcept -> subscribed.addAll(Map.copyOf(byConcept).entrySet()));
    submit("item notifications", () -> {
      Taxonomy t = taxonomy.get();
      for (KnowledgeItem item : items) {
        if (item.status() != ItemStatus.PUBLISHED) {
          continue;
        }
        Set<String> under = new java.util.HashSet<>(item.concepts());
        item.concepts().forEach(c -> under.addAll(t.ancestors(c)));
        for (Map.Entry<String, Principal> s : subscribed) {
          String concept = s.getKey();
          Principal subscriber = s.getValue();
          if (under.contains(concept) && item.acl().permits(subscriber) && !item.authors().contains(subscriber.userId())) {
            ItemNotification n = new ItemNotification(subscriber, concept, item, item.version() == 1);
            for (ItemListener l : itemListeners) {
              deliver("item listener", () -> l.onItem(n));
            }
          }
        }
      }
    });
  }

  private void submit(String what, Runnable task) {
    try {
      executor.execute(() -> deliver(what, task));
    } catch (RejectedExecutionException e) {
      long n = dropped.incrementAndGet();
      LOG.warn("notification queue full or closed: dropped {} ({} dropped so far)", what, n);
    }
  }

  private static void deliver(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warn("{} failed; the host's call was not affected", what, e);
    }
  }

  /** Stops the notification thread, waiting up to 5 seconds for the delivery in progress. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("a listener did not return within 5 s of close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
