package io.zhiku.push.internal;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.internal.UseWeights;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.ChangeListener;
import io.zhiku.core.kb.ItemCatalog;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.ScoredItem;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.push.PushSettings;
import io.zhiku.push.Recommendation;
import io.zhiku.push.WorkflowEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

  private final KnowledgeBase kb;
  private final ItemCatalog catalog;
  private final UsageStats stats;
  private final PendingEvents pending = new PendingEvents();
  private final Notifier notifier = new Notifier();
  private final PushEngine engine;
  private final Listener listener = new Listener();

  /**
   * Attaches push to a knowledge base: the usage statistics are built from every stored event, with the
   * knowledge base's writes held, then follow each event recorded.
   *
   * @param kb the knowledge base, open
   * @param settings how push works
   */
  public PushAttachment(KnowledgeBase kb, PushSettings settings) {
    this.kb = kb;
    this.catalog = kb.catalog();
    this.stats = new UsageStats(settings.halfLife(), settings.segmentAttributes());
    this.engine = new PushEngine(settings, stats, new Backend());
    kb.addChangeListener(listener);
  }

  /** @return the notifier: listeners and subscriptions */
  public Notifier notifier() {
    return notifier;
  }

  /**
   * Pushes for a work context.
   *
   * @param context the work context
   * @param limit how many, 1 to {@value PushEngine#MAX_LIMIT}
   * @return the recommendations, best first
   */
  public List<Recommendation> push(WorkContext context, int limit) {
    return engine.push(context, limit);
  }

  /**
   * Publishes a workflow event: its push is computed and delivered to the push listeners later.
   *
   * @param event the event
   */
  public void publish(WorkflowEvent event) {
    notifier.publish(event, e -> engine.push(e.context(), e.limit()));
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
      kb.events().scan(UseWeights.COUNTED_EVENTS, stats::add); // the statistics count no other type
      LOG.debug("usage statistics built from the event store in {} ms", (System.nanoTime() - started) / 1_000_000);
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

    @Override
    public void eventsRecorded(List<UsageEvent> events, long firstSequence) {
      events.forEach(stats::add);
      pending.stored(events, firstSequence);
    }

    /** Other instances' events, visible to scans already: counted, never pending. */
    @Override
    public void eventsFollowed(List<UsageEvent> events) {
      events.forEach(stats::add);
    }

    @Override
    public void eventsVisible(long eventSequence) {
      stats.refreshTops();
      pending.visible(eventSequence);
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
