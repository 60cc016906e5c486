package io.zhiku.push.internal;

import io.zhiku.core.event.UsageEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The usage events about items that push heard of but that event scans do not see yet (recorded since the
 * knowledge base last refreshed its events): so that a person's own recent views, dismissals and pushes
 * shown count at once. Kept per person, forgotten once scans see them. The knowledge base refreshes its
 * events on its own when 10,000 wait, which bounds what this holds.
 *
 * <p>Thread-safe: every method is synchronized (a person's events are few).
 */
final class PendingEvents {
  /** A pending event and its sequence number in the event store. */
  record Pending(long sequence, UsageEvent event) {}

  private final Map<String, ArrayDeque<Pending>> byUser = new HashMap<>();
  private final ArrayDeque<Pending> all = new ArrayDeque<>();

  /**
   * Adds events just stored.
   *
   * @param events the events, in sequence order
   * @param firstSequence the sequence number of the first
   */
  synchronized void stored(List<UsageEvent> events, long firstSequence) {
    long sequence = firstSequence;
    for (UsageEvent e : events) {
      if (e.itemId() != null) {
        Pending p = new Pending(sequence, e);
        all.addLast(p);
        byUser.computeIfAbsent(e.principal().userId(), u -> new ArrayDeque<>()).addLast(p);
      }
      sequence++;
    }
  }

  /**
   * Forgets the events scans now see.
   *
   * @param visibleSequence the sequence number of the last event visible to scans
   */
  synchronized void visible(long visibleSequence) {
    while (!all.isEmpty() && all.peekFirst().sequence() <= visibleSequence) {
      Pending p = all.pollFirst();
      String user = p.event().principal().userId();
      ArrayDeque<Pending> mine = byUser.get(user);
      mine.pollFirst(); // a person's events are in sequence order too: p is the first of them
      if (mine.isEmpty()) {
        byUser.remove(user);
      }
    }
  }

  /**
   * A person's pending events.
   *
   * @param userId the person
   * @return their events not yet visible to scans, oldest first
   */
  synchronized List<Pending> of(String userId) {
    ArrayDeque<Pending> mine = byUser.get(userId);
    return mine == null ? List.of() : new ArrayList<>(mine);
  }

  /** @return how many events are pending, for all people */
  synchronized int size() {
    return all.size();
  }
}
