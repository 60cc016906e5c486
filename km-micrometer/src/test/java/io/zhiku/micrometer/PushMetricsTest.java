package io.zhiku.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.push.KnowledgePush;
import io.zhiku.push.PushStats;
import io.zhiku.push.WorkflowEvent;
import io.zhiku.testkit.TestClock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PushMetricsTest {
  private static final Principal ALICE = Principal.of("alice");

  @Test
  void metersMove_withPush_besideTheKnowledgeBasesOperations() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = KnowledgeBase.builder().clock(clock).build(); KnowledgePush push = KnowledgePush.builder(kb).build()) {
      Tags tags = Tags.of("kb", "sales");
      new KnowledgeBaseMetrics(kb, tags).bindTo(registry);
      new PushMetrics(push, tags).bindTo(registry);
      FunctionTimer pushes = registry.get("zhiku.operations").tags("kb", "sales", "operation", "push").functionTimer();
      assertEquals(0, pushes.count());

      WorkContext work = WorkContext.builder(ALICE, clock.instant()).build();
      push.push(work, 5);
      assertThrows(ValidationException.class, () -> push.push(work, 0));
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch blocked = new CountDownLatch(1);
      push.addPushListener((event, recs) -> {
        blocked.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      push.publish(WorkflowEvent.of("stage-entered", work));
      assertTrue(blocked.await(10, TimeUnit.SECONDS));
      for (int i = 0; i < PushStats.QUEUE_CAPACITY + 2; i++) {
        push.publish(WorkflowEvent.of("stage-entered", work));
      }
      Thread.sleep(KnowledgeBaseMetrics.MAX_AGE_MILLIS + 20);

      assertEquals(3, pushes.count(), "two calls and the push of the workflow event being delivered");
      assertEquals(1, registry.get("zhiku.operations.failures").tags("operation", "push").functionCounter().count());
      assertTrue(registry.get("zhiku.operations.max").tags("operation", "push").timeGauge().value(TimeUnit.NANOSECONDS) > 0);
      assertEquals(PushStats.QUEUE_CAPACITY + 3, registry.get("zhiku.push.workflow.events").functionCounter().count());
      assertEquals(PushStats.QUEUE_CAPACITY, registry.get("zhiku.notifications.queued").gauge().value());
      assertEquals(2, registry.get("zhiku.notifications.dropped").functionCounter().count());
      assertEquals(0, registry.get("zhiku.notifications.failures").functionCounter().count());
      assertEquals(7, registry.find("zhiku.operations").functionTimers().size(), "six knowledge-base operations and push");
      release.countDown();
    }
  }

  @Test
  void missingParts_areNamed() {
    assertTrue(assertThrows(ValidationException.class, () -> new PushMetrics(null, Tags.empty())).getMessage().contains("push"));
    try (KnowledgeBase kb = KnowledgeBase.inMemory(); KnowledgePush push = KnowledgePush.builder(kb).build()) {
      assertTrue(assertThrows(ValidationException.class, () -> new PushMetrics(push, null)).getMessage().contains("tags"));
    }
  }
}
