package io.zhiku.push.internal;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.internal.OperationTimer;
import io.zhiku.core.internal.UseWeights;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.ChangeListener;
import io.zhiku.core.kb.ItemCatalog;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.UsageEvents;
import io.zhiku.core.search.ScoredItem;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.push.PushSettings;
import io.zhiku.push.PushStats;
import io.zhiku.push.Recommendation;
import io.zhiku.push.WorkflowEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push attached to one knowledge base through its public API only: a {@link ChangeListener} keeps the
 * usage statistics, the pending events and the subscriptions' notifications in step; the {@link
 * ItemCatalog} answers access and freshness questions; searches, similar items and item reads go through
 * the knowledge base's public methods. Thread-safe.
 */
public final class PushAttachment implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PushAttachment.class);
  private static final EventQuery SUBSCRIPTION_EVENTS =
      EventQuery.builder().types(Subscriptions.SUBSCRIBE, Subscriptions.UNSUBSCRIBE).build();
  /** How often, at most, subscriptions are checked for renewal. */
  private static final Duration RENEWAL_CHECK = Duration.ofHours(1);

  private final KnowledgeBase kb;
  private final ItemCatalog catalog;
  private final UsageStats stats;
  private final PendingEvents pending = new PendingEvents();
  private final Subscriptions subscriptions = new Subscriptions();
  private final Notifier notifier = new Notifier(subscriptions);
  private final OperationTimer pushes = new OperationTimer();
  private final LongAdder workflowEvents = new LongAdder();
  private final PushEngine engine;
  private final Listener listener = new Listener();
  /** When the subscriptions are next checked for renewal, epoch milliseconds of the knowledge base's clock. */
  private volatile long nextRenewalCheck;

  /**
   * Attaches push to a knowledge base: the usage statistics and the subscriptions are built from the
   * stored events, with the knowledge base's writes held, then follow each event recorded.
   *
   * @param kb the knowledge base, open
   * @param settings how push works
   */
  public PushAttachment(KnowledgeBase kb, PushSettings settings) {
    this.kb = kb;
    this.catalog = kb.catalog();
    // Ids through the JVM's string table, as the item table and the event store hold them: one string per id.
    this.stats = new UsageStats(settings.halfLife(), settings.segmentAttributes(), String::intern);
    this.engine = new PushEngine(settings, stats, new Backend());
    kb.addChangeListener(listener);
    renewIfDue();
  }

  /** @return the notifier: listeners and their deliveries */
  public Notifier notifier() {
    return notifier;
  }

  /**
   * Subscribes a person to a concept by recording a {@link Subscriptions#SUBSCRIBE} event: durable with the
   * knowledge base's next commit and followed by every instance sharing its engine. Its time is the
   * clock's, or just after the last subscription event this instance knows of for the person and concept,
   * so that a person's latest action here always decides.
   *
   * @param subscriber the person, with the groups and roles their access is checked with
   * @param conceptId the concept, checked by the caller
   */
  public void subscribe(Principal subscriber, String conceptId) {
    record(Subscriptions.SUBSCRIBE, subscriber, conceptId);
  }

  /**
   * Ends a subscription by recording a {@link Subscriptions#UNSUBSCRIBE} event, if there is one.
   *
   * @param userId the person
   * @param conceptId the concept
   * @return whether there was one (as far as this instance has followed)
   */
  public boolean unsubscribe(String userId, String conceptId) {
    if (!subscriptions.contains(userId, conceptId)) {
      return false;
    }
    record(Subscriptions.UNSUBSCRIBE, Principal.of(userId), conceptId);
    return true;
  }

  /**
   * @param userId a person
   * @return the concepts the person is subscribed to, as far as this instance has followed
   */
  public Set<String> subscriptions(String userId) {
    return Set.copyOf(subscriptions.of(userId));
  }

  private void record(UsageEventType type, Principal principal, String conceptId) {
    long now = kb.clock().millis();
    long last = subscriptions.lastTime(principal.userId(), conceptId);
    long time = last == Long.MIN_VALUE ? now : Math.max(now, last + 1);
    kb.events().record(subscriptionEvent(type, Instant.ofEpochMilli(time), principal, conceptId, null));
  }

  private static UsageEvent subscriptionEvent(UsageEventType type, Instant time, Principal principal, String conceptId,
      String id) {
    WorkContext context = WorkContext.builder(principal, time).attribute(Subscriptions.CONCEPT, conceptId).build();
    return UsageEvent.builder(type, time, principal).id(id).context(context).build();
  }

  /**
   * With an event retention, records again (on the notification thread) every subscription whose event is
   * older than half the retention, so that purging old events never ends one; checked at most hourly.
   * Renewals get ids made from the subscription they renew, so instances renewing at once store one.
   */
  private void renewIfDue() {
    Optional<Duration> retention = kb.events().retention();
    long now = kb.clock().millis();
    if (retention.isEmpty() || now < nextRenewalCheck) {
      return;
    }
    nextRenewalCheck = now + RENEWAL_CHECK.toMillis();
    notifier.submit("subscription renewal", () -> {
      long renewed = kb.clock().millis();
      long cutoff = renewed - retention.get().toMillis() / 2;
      List<UsageEvent> batch = new ArrayList<>();
      for (Map.Entry<String, Subscriptions.State> e : subscriptions.active()) {
        Subscriptions.State s = e.getValue();
        if (s.timeMillis() < cutoff) {
          String key = s.principal().userId() + "\n" + e.getKey() + "\n" + s.timeMillis();
          String id = "subscription-renewal-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
          batch.add(subscriptionEvent(Subscriptions.SUBSCRIBE, Instant.ofEpochMilli(renewed), s.principal(), e.getKey(), id));
        }
      }
      for (int from = 0; from < batch.size(); from += UsageEvents.MAX_BATCH) {
        kb.events().recordAll(batch.subList(from, Math.min(batch.size(), from + UsageEvents.MAX_BATCH)));
      }
      if (!batch.isEmpty()) {
        LOG.info("renewed {} subscriptions older than half the event retention", batch.size());
      }
    });
  }

  /**
   * Pushes for a work context.
   *
   * @param context the work context
   * @param limit how many, 1 to {@value PushEngine#MAX_LIMIT}
   * @return the recommendations, best first
   */
  public List<Recommendation> push(WorkContext context, int limit) {
    return pushes.time(() -> engine.push(context, limit));
  }

  /**
   * Publishes a workflow event: its push is computed and delivered to the push listeners later.
   *
   * @param event the event
   */
  public void publish(WorkflowEvent event) {
    workflowEvents.increment();
    notifier.publish(event, e -> push(e.context(), e.limit()));
  }

  /** @return what push has done since it was built */
  public PushStats stats() {
    return new PushStats(pushes.snapshot(), workflowEvents.sum(), notifier.queued(), notifier.dropped(), notifier.failures());
  }

  /** Stops following the knowledge base and stops the notification thread. */
  @Override
  public void close() {
    kb.removeChangeListener(listener);
    notifier.close();
  }

  /** Keeps the statistics, the pending events and the notifications in step with the knowledge base. */
  private final class Listener implements ChangeListener {
    @Override
    public void attached(long itemSequence, long eventSequence) {
      long started = System.nanoTime();
      long[] read = new long[2];
      kb.events().scan(UseWeights.COUNTED_EVENTS, row -> { // the statistics count no other type
        stats.add(row);
        read[0]++;
      });
      kb.events().scan(SUBSCRIPTION_EVENTS, row -> {
        subscriptions.apply(row);
        read[1]++;
      });
      LOG.info("push attached at change {} and event {}: usage statistics from {} events and subscriptions from {} events "
          + "read in {} ms", itemSequence, eventSequence, read[0], read[1], (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void itemsChanged(List<ItemChange> changes) {
      List<KnowledgeItem> stored = new ArrayList<>(changes.size());
      for (ItemChange c : changes) {
        if (c instanceof ItemChange.Put put) {
          stored.add(put.item());
        }
      }
      if (!stored.isEmpty()) {
        notifier.itemsStored(stored, kb::taxonomy);
      }
    }

    /** Other instances' writes: their subscribers were notified by the instance that wrote them. */
    @Override
    public void itemsFollowed(List<ItemChange> changes) {}

    @Override
    public void eventsRecorded(List<UsageEvent> events, long firstSequence) {
      events.forEach(stats::add);
      events.forEach(subscriptions::apply);
      pending.stored(events, firstSequence);
    }

    /** Other instances' events, visible to scans already: counted, never pending. */
    @Override
    public void eventsFollowed(List<UsageEvent> events) {
      events.forEach(stats::add);
      events.forEach(subscriptions::apply);
    }

    @Override
    public void eventsVisible(long eventSequence) {
      stats.refreshTops();
      pending.visible(eventSequence);
      renewIfDue();
    }
  }

  /** What push reads of the knowledge base: its public API. */
  private final class Backend implements PushBackend {
    @Override
    public Taxonomy taxonomy() {
      return kb.taxonomy();
    }

    @Override
    public Instant now() {
      return kb.clock().instant();
    }

    @Override
    public SearchResult search(SearchRequest request) {
      return kb.searchUnrecorded(request);
    }

    @Override
    public Optional<KnowledgeItem> get(String id) {
      return kb.get(id);
    }

    @Override
    public Optional<ItemSummary> summary(String id) {
      return catalog.summary(id);
    }

    @Override
    public Set<String> visible(Principal principal, Collection<String> ids, Set<String> concepts) {
      return ids.isEmpty() ? Set.of() : catalog.readable(principal, ids, concepts);
    }

    @Override
    public List<ScoredItem> newest(Principal principal, Set<String> concepts, int limit) {
      return catalog.newest(principal, concepts, Math.min(limit, ItemCatalog.MAX_NEWEST));
    }

    @Override
    public List<ScoredItem> similar(Principal principal, String text, int limit) {
      return catalog.similar(principal, text, Math.min(limit, ItemCatalog.MAX_SIMILAR));
    }

    @Override
    public void scanEvents(EventQuery query, Consumer<EventRow> visitor) {
      kb.events().scan(query, visitor);
    }

    @Override
    public long countEvents(EventQuery query) {
      return kb.events().count(query);
    }

    @Override
    public List<PendingEvents.Pending> unrefreshedEvents(String userId) {
      return pending.of(userId);
    }

    @Override
    public void record(List<UsageEvent> batch) {
      try {
        kb.events().recordAll(batch);
      } catch (RuntimeException e) {
        LOG.warn("could not record {} push-shown events; the push goes on", batch.size(), e);
      }
    }
  }
}
