package io.zhiku.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.testkit.TestClock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link KnowledgePush#stats()}: pushes and their failures, workflow events, the notification queue. */
class PushStatsTest {
  private final TestClock clock = new TestClock();

  private WorkContext context() {
    return WorkContext.builder(PushTest.ALICE, clock.instant()).concepts("education").build();
  }

  @Test
  void pushes_countedWithFailuresAndDurations() {
    try (KnowledgeBase kb = PushTest.kb(clock); KnowledgePush push = push(kb)) {
      kb.put(PushTest.item("a", "Campus network", "Wi-Fi for schools", Acl.groups("sales"), "education"));
      assertEquals(0, push.stats().pushes().count());
      push.push(context(), 5);
      push.push(context(), 5);
      assertThrows(ValidationException.class, () -> push.push(context(), 0));
      PushStats s = push.stats();
      assertEquals(3, s.pushes().count());
      assertEquals(1, s.pushes().failures());
      assertTrue(s.pushes().max().compareTo(Duration.ZERO) > 0 && s.pushes().total().compareTo(s.pushes().max()) >= 0, s.toString());
      assertEquals(0, s.workflowEvents());
    }
  }

  @Test
  void notificationQueue_depthDropsAndListenerFailures() throws InterruptedException {
    try (KnowledgeBase kb = PushTest.kb(clock); KnowledgePush push = push(kb)) {
      CountDownLatch blocked = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(1);
      push.addPushListener((event, recs) -> {
        if (event.type().equals("block")) {
          blocked.countDown();
          await(release);
        } else if (event.type().equals("throw")) {
          throw new IllegalStateException("listener down");
        } else if (event.type().equals("done")) {
          done.countDown();
        }
      });
      push.publish(WorkflowEvent.of("block", context()));
      assertTrue(blocked.await(10, TimeUnit.SECONDS));
      int extra = 7;
      for (int i = 0; i < PushStats.QUEUE_CAPACITY + extra; i++) {
        push.publish(WorkflowEvent.of("fill", context()));
      }
      PushStats full = push.stats();
      assertEquals(PushStats.QUEUE_CAPACITY, full.notificationsQueued());
      assertEquals(extra, full.notificationsDropped());
      assertEquals(1 + PushStats.QUEUE_CAPACITY + extra, full.workflowEvents());
      assertEquals(0, full.listenerFailures());

      release.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (push.stats().notificationsQueued() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      int failing = 3;
      for (int i = 0; i < failing; i++) {
        push.publish(WorkflowEvent.of("throw", context()));
      }
      push.publish(WorkflowEvent.of("done", context()));
      assertTrue(done.await(30, TimeUnit.SECONDS));
      PushStats after = push.stats();
      assertEquals(0, after.notificationsQueued());
      assertEquals(failing, after.listenerFailures());
      assertEquals(extra, after.notificationsDropped());
      assertEquals(1 + PushStats.QUEUE_CAPACITY + extra + failing + 1, after.workflowEvents());
      // Each delivered workflow event is a push computed on the notification thread; the dropped ones are not.
      assertEquals(1 + PushStats.QUEUE_CAPACITY + failing + 1, after.pushes().count());
    }
  }

  @Test
  void stats_readableAfterClose() {
    try (KnowledgeBase kb = PushTest.kb(clock)) {
      KnowledgePush push = push(kb);
      push.push(context(), 3);
      push.close();
      assertEquals(1, push.stats().pushes().count());
      assertThrows(ZhikuException.class, () -> push.push(context(), 3));
    }
  }

  private static KnowledgePush push(KnowledgeBase kb) {
    return KnowledgePush.builder(kb).settings(PushTest.only("freshness").build()).build();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
