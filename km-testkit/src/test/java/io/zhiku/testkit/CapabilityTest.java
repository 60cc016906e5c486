package io.zhiku.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.zhiku.core.kb.KnowledgeBaseBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * A kit's tests that need a capability the engine does not declare are skipped, visibly and with the
 * capability named, before they touch the engine; none passes by doing nothing.
 */
class CapabilityTest {
  /** An engine that declares nothing and must never be opened by a skipped test. */
  static class NoCapabilities extends DurabilityKit {
    @Override
    protected KnowledgeBaseBuilder newKnowledgeBase() {
      throw new AssertionError("a skipped test opened the engine");
    }

    @Override
    protected Store newStore(java.util.Random random) {
      throw new AssertionError("a skipped test opened a store");
    }
  }

  @Test
  void testsNeedingAnUndeclaredCapability_areSkippedWithTheCapabilityNamed() {
    Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(NoCapabilities.class)).execute()
        .testEvents();
    assertEquals(0, tests.succeeded().count(), "nothing passes by doing nothing");
    assertEquals(0, tests.failed().count(), "nothing fails: the engine was never opened");
    List<Event> skipped = tests.aborted().list();
    assertEquals(22, skipped.size(), "2 reopen tests and 20 repetitions of the crash test");
    assertEquals(2, count(skipped, "does not declare REOPEN"));
    assertEquals(20, count(skipped, "does not declare CRASH"));
  }

  private static long count(List<Event> events, String reason) {
    return events.stream().filter(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
        .map(Throwable::getMessage).filter(m -> m.contains(reason)).isPresent()).count();
  }
}
