package io.zhiku.push;

import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.push.internal.PushAttachment;
import java.util.List;
import java.util.Set;

/**
 * Knowledge that finds the person: push attached to a {@link KnowledgeBase}. {@link #push} returns what
 * helps a person now, blended from the {@link Recommender}s of the {@link PushSettings}; {@link #publish}
 * does the same for a workflow step and hands the result to {@link PushListener}s; {@link #subscribe} makes
 * {@link ItemListener}s hear of new or updated items under a concept. Listeners run on a notification
 * thread of their own, never on the host's.
 *
 * <p>Push follows the knowledge base the way the knowledge graph does, through its public API alone: it
 * hears every item change and usage event as a {@link io.zhiku.core.kb.ChangeListener}, checks access and
 * freshness in the knowledge base's {@link io.zhiku.core.kb.ItemCatalog}, and searches with {@link
 * KnowledgeBase#searchUnrecorded}. A principal is never pushed or notified of an item it may not read; an
 * item whose access was revoked is gone from pushes as soon as the write returns. When it is built, push
 * reads every stored usage event once to build its statistics (memory grows with what was used, not with
 * items times segments). The pushed items are recorded as {@code push-shown} events.
 *
 * <pre>{@code
 * try (KnowledgeBase kb = KnowledgeBase.open(dir);
 *      KnowledgePush push = KnowledgePush.builder(kb).build()) {
 *   List<Recommendation> now = push.push(context, 5);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Close it before the knowledge base; after {@link #close()} (or once the knowledge base is
 * closed) every method throws {@link ZhikuException}.
 */
public final class KnowledgePush implements AutoCloseable {
  /**
   * The usage event type {@link #subscribe} records, with the concept in the context attribute {@link
   * #SUBSCRIPTION_CONCEPT}: subscriptions are kept as usage events.
   */
  public static final UsageEventType SUBSCRIBE = UsageEventType.of("subscribe");
  /** The usage event type {@link #unsubscribe} records, with the concept as for {@link #SUBSCRIBE}. */
  public static final UsageEventType UNSUBSCRIBE = UsageEventType.of("unsubscribe");
  /** The work-context attribute that names the concept of a {@link #SUBSCRIBE} or {@link #UNSUBSCRIBE} event. */
  public static final String SUBSCRIPTION_CONCEPT = "concept";

  private final KnowledgeBase kb;
  private final PushSettings settings;
  private final PushAttachment attachment;
  private volatile boolean closed;

  private KnowledgePush(KnowledgeBase kb, PushSettings settings) {
    this.kb = kb;
    this.settings = settings;
    this.attachment = new PushAttachment(kb, settings);
  }

  /**
   * Starts configuring push for a knowledge base.
   *
   * @param kb the knowledge base, open; push follows it from the moment it is built
   * @return a builder
   * @throws ValidationException if the knowledge base is missing
   */
  public static Builder builder(KnowledgeBase kb) {
    return new Builder(Checks.present("kb", kb));
  }

  /**
   * What helps a person now: items blended from the configured recommenders, each with its reasons, only
   * items the principal may read, without what the person already used, dismissed or was shown too often
   * (see {@link PushSettings}). The pushed items are recorded as {@code push-shown} events.
   *
   * @param context where the person is in their work
   * @param limit how many at most, 1 to 100
   * @return the recommendations, best first
   * @throws ValidationException if the context is missing or the limit is out of range
   * @throws ZhikuException if push or the knowledge base is closed
   */
  public List<Recommendation> push(WorkContext context, int limit) {
    Checks.present("context", context);
    ensureOpen();
    return attachment.push(context, limit);
  }

  /**
   * Publishes a workflow step: the push for its context is computed and handed to every {@link
   * PushListener}, later, on the notification thread. Returns at once.
   *
   * @param event the workflow event
   * @throws ValidationException if the event is missing
   * @throws ZhikuException if push is closed
   */
  public void publish(WorkflowEvent event) {
    Checks.present("event", event);
    ensureOpen();
    attachment.publish(event);
  }

  /**
   * Adds a listener for the pushes of published workflow events.
   *
   * @param listener the listener
   * @throws ValidationException if it is missing
   */
  public void addPushListener(PushListener listener) {
    attachment.notifier().addPushListener(Checks.present("listener", listener));
  }

  /**
   * Removes a push listener.
   *
   * @param listener a listener added before
   * @return whether it was registered
   */
  public boolean removePushListener(PushListener listener) {
    return attachment.notifier().removePushListener(listener);
  }

  /**
   * Adds a listener for the notifications of subscriptions.
   *
   * @param listener the listener
   * @throws ValidationException if it is missing
   */
  public void addItemListener(ItemListener listener) {
    attachment.notifier().addItemListener(Checks.present("listener", listener));
  }

  /**
   * Removes an item listener.
   *
   * @param listener a listener added before
   * @return whether it was registered
   */
  public boolean removeItemListener(ItemListener listener) {
    return attachment.notifier().removeItemListener(listener);
  }

  /**
   * Subscribes a person to a concept: {@link ItemListener}s will hear of every published item created or
   * updated under it (or a descendant) that the person may read and did not write.
   *
   * <p>Subscriptions are kept as usage events ({@link #SUBSCRIBE}, {@link #UNSUBSCRIBE}): they become
   * durable with the knowledge base's next commit and are there again when push is built after a restart.
   * On an engine shared by many instances ({@link io.zhiku.core.spi.EngineCapability#SHARED}), every
   * instance's push follows them as its refresh brings other instances' events in, and an item write is
   * notified by the instance that made it, to every subscriber wherever they subscribed: once, not once per
   * instance. Between instances, the latest subscribe or unsubscribe of a person and concept (by the clock)
   * decides. With an event retention, push records a subscription again before its event would be purged.
   *
   * @param subscriber the person, with the groups and roles their access is checked with (as of now: a
   *     later change of their groups needs a new subscription)
   * @param conceptId the concept
   * @throws ValidationException if the subscriber is missing or the concept is not in the taxonomy
   * @throws ZhikuException if push is closed or the event cannot be recorded
   */
  public void subscribe(Principal subscriber, String conceptId) {
    Checks.present("subscriber", subscriber);
    ensureOpen();
    if (!kb.taxonomy().contains(Checks.id("conceptId", conceptId))) {
      throw new ValidationException("conceptId", conceptId, "is not a concept of the taxonomy");
    }
    attachment.subscribe(subscriber, conceptId);
  }

  /**
   * Ends a subscription, recording an {@link #UNSUBSCRIBE} event if there was one.
   *
   * @param userId the subscriber
   * @param conceptId the concept
   * @return whether there was one, as far as this instance has followed the others
   * @throws ValidationException if an id is not a valid id
   * @throws ZhikuException if push is closed or the event cannot be recorded
   */
  public boolean unsubscribe(String userId, String conceptId) {
    Checks.id("userId", userId);
    Checks.id("conceptId", conceptId);
    ensureOpen();
    return attachment.unsubscribe(userId, conceptId);
  }

  /**
   * A person's subscriptions.
   *
   * @param userId the person
   * @return the concept ids, as far as this instance has followed the others
   * @throws ValidationException if the id is not a valid id
   */
  public Set<String> subscriptions(String userId) {
    return attachment.subscriptions(Checks.id("userId", userId));
  }

  /**
   * What push has done since it was built: pushes computed and their durations, workflow events published,
   * the notification queue's depth, deliveries dropped and listener failures. Cheap (adders and the
   * queue's size); readable after close (the counters keep their last values).
   *
   * @return a snapshot of the counters
   */
  public PushStats stats() {
    return attachment.stats();
  }

  /**
   * The settings push was built with.
   *
   * @return the settings
   */
  public PushSettings settings() {
    return settings;
  }

  /**
   * Stops following the knowledge base and stops the notification thread, waiting up to 5 seconds for a
   * delivery in progress. Calling it again does nothing. Close push before the knowledge base.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    attachment.close();
  }

  private void ensureOpen() {
    if (closed) {
      throw new ZhikuException("this push is closed");
    }
  }

  /** Configures {@link KnowledgePush}. Not thread-safe. */
  public static final class Builder {
    private final KnowledgeBase kb;
    private PushSettings settings = PushSettings.DEFAULTS;

    private Builder(KnowledgeBase kb) {
      this.kb = kb;
    }

    /**
     * How push works: recommenders and their weights, the blend, the half-life of usage, the segments.
     *
     * @param s the settings; {@link PushSettings#DEFAULTS} unless set
     * @return this builder
     * @throws ValidationException if they are missing
     */
    public Builder settings(PushSettings s) {
      this.settings = Checks.present("settings", s);
      return this;
    }

    /**
     * Attaches push to the knowledge base: reads every stored usage event once, with the knowledge base's
     * writes held, then follows it.
     *
     * @return push, open; close it before the knowledge base
     * @throws ZhikuException if the knowledge base is closed or its events cannot be read
     */
    public KnowledgePush build() {
      return new KnowledgePush(kb, settings);
    }
  }
}
