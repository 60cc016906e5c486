package io.zhiku.push.internal;

import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.push.ItemListener;
import io.zhiku.push.ItemNotification;
import io.zhiku.push.PushListener;
import io.zhiku.push.PushStats;
import io.zhiku.push.Recommendation;
import io.zhiku.push.WorkflowEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private final List<PushListener> pushListeners = new CopyOnWriteArrayList<>();
  private final List<ItemListener> itemListeners = new CopyOnWriteArrayList<>();
  private final Subscriptions subscriptions;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
      new LinkedBlockingQueue<>(PushStats.QUEUE_CAPACITY), r -> {
        Thread t = new Thread(r, "zhiku-notifier");
        t.setDaemon(true);
        return t;
      });

  /** @param subscriptions whose subscribers {@link #itemsStored} notifies */
  public Notifier(Subscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

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

  /** @return how many deliveries were dropped because the queue was full */
  public long dropped() {
    return dropped.get();
  }

  /** @return how many listener calls and queued tasks threw */
  public long failures() {
    return failures.get();
  }

  /** @return how many deliveries wait for the notification thread now */
  public int queued() {
    return executor.getQueue().size();
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
    List<Map.Entry<String, Subscriptions.State>> subscribed = subscriptions.active();
    submit("item notifications", () -> {
      Taxonomy t = taxonomy.get();
      for (KnowledgeItem item : items) {
        if (item.status() != ItemStatus.PUBLISHED) {
          continue;
        }
        Set<String> under = new java.util.HashSet<>(item.concepts());
        item.concepts().forEach(c -> under.addAll(t.ancestors(c)));
        for (Map.Entry<String, Subscriptions.State> s : subscribed) {
          String concept = s.getKey();
          Principal subscriber = s.getValue().principal();
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

  /**
   * Runs a task later on the notification thread (or drops it, counted and logged, if the queue is full);
   * its exception is logged.
   *
   * @param what what the task does, for the log
   * @param task the task
   */
  public void submit(String what, Runnable task) {
    try {
      executor.execute(() -> deliver(what, task));
    } catch (RejectedExecutionException e) {
      long n = dropped.incrementAndGet();
      LOG.warn("notification queue full or closed: dropped {} ({} dropped so far)", what, n);
    }
  }

  private void deliver(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      LOG.warn("{} failed; the host's call was not affected", what, e);
    }
  }

  /**
   * Stops the notification thread: what is queued is dropped, and the task in progress is waited for up to
   * 5 seconds but never interrupted (an interrupt during a write, such as a subscription renewal or a
   * listener's own, would close the knowledge base's files under it).
   */
  @Override
  public void close() {
    executor.shutdown();
    executor.getQueue().clear();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("a listener did not return within 5 s of close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
