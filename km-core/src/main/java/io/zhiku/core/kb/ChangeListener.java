package io.zhiku.core.kb;

import io.zhiku.core.event.UsageEvent;
import java.util.List;

/**
 * Hears every change to a {@link KnowledgeBase}'s items and every usage event it stores, in order, so a
 * derived store (the knowledge graph, a host's own projection) can stay in step. Added with {@link
 * KnowledgeBase#addChangeListener}.
 *
 * <p>Calls are synchronous and ordered: {@link #itemsChanged} runs on the writing thread while the item
 * write lock is held, {@link #eventsRecorded} while the event lock is held, so a listener sees changes
 * in sequence order with no gap and no repeat. Listeners must therefore be quick, must not write to the
 * knowledge base from these calls, and should not throw: an exception is logged and the write it
 * follows stays applied. Events deleted by the knowledge base's retention are not reported.
 */
public interface ChangeListener {
  /**
   * Called once, when the listener is added, with item writes and event recording held and both made
   * visible to {@link KnowledgeBase#forEachItem} and {@link UsageEvents#scan}: the moment to
   * bring a derived store up to date (for instance, to catch up from the sequence numbers it last
   * committed). Reads of the knowledge base are allowed here.
   *
   * @param itemSequence the sequence number of the last item change
   * @param eventSequence the sequence number of the last usage event stored
   */
  default void attached(long itemSequence, long eventSequence) {}

  /**
   * Item changes this knowledge base just made, in sequence order (on a shared engine, those of other
   * instances come to {@link #itemsFollowed}).
   *
   * @param changes the changes, sequence numbers consecutive
   */
  void itemsChanged(List<ItemChange> changes);

  /**
   * Item changes that other knowledge bases sharing the engine made ({@link
   * io.zhiku.core.spi.EngineCapability#SHARED}), as this knowledge base's refresh follows them into its item
   * catalog: numbered after this knowledge base's own, in the order the engine reports them, each once, while
   * the item write lock is held. By default they go to {@link #itemsChanged}, so a derived store (the graph)
   * follows every instance's writes alike; a listener that acts once per write across all instances (a
   * notification to a person) overrides this to leave them to the instance that wrote them.
   *
   * @param changes the changes, in sequence order
   */
  default void itemsFollowed(List<ItemChange> changes) {
    itemsChanged(changes);
  }

  /**
   * Usage events just stored (events skipped as repeats are not among them).
   *
   * @param events the events, in the order they were stored
   * @param firstSequence the sequence number of the first; the others follow one by one
   */
  void eventsRecorded(List<UsageEvent> events, long firstSequence);

  /**
   * Usage events that other knowledge bases sharing the engine recorded ({@link
   * io.zhiku.core.spi.EngineCapability#SHARED}), as this knowledge base's refresh brings them into its scans
   * and counts: each once, never one of its own (those come to {@link #eventsRecorded}), while the event lock
   * is held. A derived store that counts events (push statistics, the graph) counts these too; one that
   * scanned the events when attached never meets an event twice. By default nothing is done.
   *
   * @param events the events, in no particular order
   */
  default void eventsFollowed(List<UsageEvent> events) {}

  /**
   * Every usage event up to a sequence number is now visible to {@link UsageEvents#scan} and
   * {@link UsageEvents#count}: called after each refresh of the events, while the event lock is
   * held. A listener that keeps the events it heard of until scans see them (push does, to answer in
   * real time) may now forget those up to this number; between the refresh and this call, scans already
   * see them. By default nothing is done.
   *
   * @param eventSequence the sequence number of the last event visible to scans
   */
  default void eventsVisible(long eventSequence) {}
}
