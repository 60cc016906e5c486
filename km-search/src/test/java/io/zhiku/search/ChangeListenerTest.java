package io.zhiku.search;

import static io.zhiku.search.KnowledgeBaseTest.ALICE;
import static io.zhiku.search.KnowledgeBaseTest.item;
import static io.zhiku.search.KnowledgeBaseTest.memory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.kb.ChangeListener;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.testkit.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Derived stores hear every item change and stored event, in order, after catching up on attach. */
class ChangeListenerTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  /** Records what it hears. */
  private static class Recorder implements ChangeListener {
    final List<Long> sequences = new ArrayList<>();
    final List<String> ids = new ArrayList<>();
    final List<Long> eventSequences = new ArrayList<>();
    long attachedItems = -1;
    long attachedEvents = -1;
    long itemsVisibleOnAttach = -1;
    long eventsVisibleOnAttach = -1;
    KnowledgeBase kb;

    @Override
    public void attached(long itemSequence, long eventSequence) {
      attachedItems = itemSequence;
      attachedEvents = eventSequence;
      AtomicLong n = new AtomicLong();
      kb.forEachItem(i -> n.incrementAndGet());
      itemsVisibleOnAttach = n.get();
      eventsVisibleOnAttach = kb.events().count(EventQuery.ALL);
    }

    @Override
    public void itemsChanged(List<ItemChange> changes) {
      for (ItemChange c : changes) {
        sequences.add(c.sequence());
        ids.add((c instanceof ItemChange.Delete ? "-" : "+") + c.id());
      }
    }

    @Override
    public void eventsRecorded(List<UsageEvent> events, long firstSequence) {
      for (int i = 0; i < events.size(); i++) {
        eventSequences.add(firstSequence + i);
      }
    }
  }

  @Test
  void attach_seesEverythingSoFar_thenHearsEachChangeAndEventInOrder() {
    try (KnowledgeBase kb = memory(new TestClock())) {
      kb.putAll(List.of(item("a", "alpha", Acl.PUBLIC), item("b", "beta", Acl.PUBLIC)));
      kb.record(UsageEvent.ofItem(UsageEventType.VIEW, T0, ALICE, "a"));
      Recorder r = new Recorder();
      r.kb = kb;
      kb.addChangeListener(r); // no refresh by the test: attach must make both visible itself
      assertEquals(2, r.attachedItems);
      assertEquals(1, r.attachedEvents);
      assertEquals(2, r.itemsVisibleOnAttach);
      assertEquals(1, r.eventsVisibleOnAttach);

      kb.put(item("c", "gamma", Acl.PUBLIC));
      kb.delete("a");
      assertFalse(kb.delete("zz"), "deleting nothing is no change");
      kb.putAll(List.of(item("d", "delta", Acl.PUBLIC), item("b", "beta 2", Acl.PUBLIC)));
      kb.events().recordAll(List.of(
          new UsageEvent("e1", UsageEventType.VIEW, T0, ALICE, "b", null, null, null, null),
          UsageEvent.ofItem(UsageEventType.REUSE, T0, ALICE, "c")));
      kb.record(new UsageEvent("e1", UsageEventType.VIEW, T0, ALICE, "b", null, null, null, null)); // a repeat

      assertEquals(List.of(3L, 4L, 5L, 6L), r.sequences);
      assertEquals(List.of("+c", "-a", "+d", "+b"), r.ids);
      assertEquals(List.of(2L, 3L), r.eventSequences);
      assertEquals(6, kb.lastSequence());
      assertEquals(3, kb.events().lastSequence());

      assertTrue(kb.removeChangeListener(r));
      kb.put(item("e", "epsilon", Acl.PUBLIC));
      assertEquals(4, r.sequences.size(), "a removed listener hears nothing");
    }
  }

  @Test
  void aFailingListener_neverUndoesOrBlocksTheWrite() {
    try (KnowledgeBase kb = memory(new TestClock())) {
      ChangeListener failing = new ChangeListener() {
        @Override
        public void itemsChanged(List<ItemChange> changes) {
          throw new IllegalStateException("boom");
        }

        @Override
        public void eventsRecorded(List<UsageEvent> events, long firstSequence) {
          throw new IllegalStateException("boom");
        }
      };
      kb.addChangeListener(failing);
      kb.put(item("a", "alpha", Acl.PUBLIC));
      assertTrue(kb.record(UsageEvent.ofItem(UsageEventType.VIEW, T0, ALICE, "a")));
      assertTrue(kb.get("a").isPresent());
      assertEquals(1, kb.events().lastSequence());
    }
  }

  @Test
  void aListenerWhoseCatchUpFails_isNotAdded() {
    try (KnowledgeBase kb = memory(new TestClock())) {
      Recorder r = new Recorder() {
        @Override
        public void attached(long itemSequence, long eventSequence) {
          throw new IllegalStateException("cannot catch up");
        }
      };
      assertThrows(IllegalStateException.class, () -> kb.addChangeListener(r));
      kb.put(item("a", "alpha", Acl.PUBLIC));
      assertTrue(r.sequences.isEmpty());
      assertFalse(kb.removeChangeListener(r));
    }
  }
}
