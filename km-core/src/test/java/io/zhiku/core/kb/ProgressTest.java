package io.zhiku.core.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.ProgressReporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void progress_refusesWhatCannotBe_andComputesItsShare() {
    assertEquals(0.25, new Progress("x", 1, 4, Duration.ZERO, false).fraction());
    assertEquals(-1, new Progress("x", 1, -1, Duration.ZERO, false).fraction());
    assertEquals(1, new Progress("x", 0, 0, Duration.ZERO, true).fraction());
    assertEquals("Progress.total", assertThrows(ValidationException.class, () -> new Progress("x", 5, 4, Duration.ZERO, false)).field());
    assertEquals("Progress.done", assertThrows(ValidationException.class, () -> new Progress("x", -1, 4, Duration.ZERO, false)).field());
    assertEquals("Progress.elapsed", assertThrows(ValidationException.class,
        () -> new Progress("x", 0, 4, Duration.ofSeconds(-1), false)).field());
    assertEquals("Progress.operation", assertThrows(ValidationException.class, () -> new Progress(" ", 0, 4, Duration.ZERO, false)).field());
  }

  @Test
  void reporter_throttlesUpdates_alwaysReportsTheEnd_andSurvivesAFailingListener() {
    List<Progress> heard = new ArrayList<>();
    ProgressReporter r = new ProgressReporter(heard::add, "work", 1000);
    for (int i = 1; i <= 1000; i++) {
      r.update(i);
    }
    r.finish(1000);
    assertTrue(heard.size() <= 3, "no more than a few reports in a fast loop: " + heard.size());
    Progress last = heard.get(heard.size() - 1);
    assertTrue(last.finished() && last.done() == 1000 && last.total() == 1000);
    ProgressReporter failing = new ProgressReporter(p -> {
      throw new IllegalStateException("listener bug");
    }, "work", -1);
    assertEquals(Duration.class, failing.finish(3).getClass(), "the work goes on");
  }
}
