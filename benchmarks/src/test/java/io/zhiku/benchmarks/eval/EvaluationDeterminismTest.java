package io.zhiku.benchmarks.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zhiku.benchmarks.SharedData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Stack Exchange evaluations give the same figures when run twice: every ranking breaks ties by id,
 * every baseline index merges serially, and the simulated views come from a seeded generator. Runs on the
 * smaller dev site (Data Science Meta); skipped without the shared data unless ZHIKU_REQUIRE_DATA=1.
 */
class EvaluationDeterminismTest {
  private static StackExchangeDump dump;

  @BeforeAll
  static void read() throws Exception {
    dump = StackExchangeDump.read(SharedData.directory(), "datasciencemeta");
    if (dump == null) {
      String message = "stackexchange/datasciencemeta-Posts.xml not found under " + SharedData.directory();
      if ("1".equals(System.getenv("ZHIKU_REQUIRE_DATA"))) {
        fail(message + " and ZHIKU_REQUIRE_DATA=1");
      }
      Assumptions.abort(message + "; skipped");
    }
  }

  @Test
  void expertEvaluation_twice_sameFigures() throws Exception {
    ExpertEvaluation.Result first = ExpertEvaluation.run(dump, ExpertReplay.TEST_FROM, 1.0);
    ExpertEvaluation.Result second = ExpertEvaluation.run(dump, ExpertReplay.TEST_FROM, 1.0);
    assertTrue(first.questions() > 0);
    assertEquals(first.questions(), second.questions());
    assertEquals(first.reachable(), second.reachable());
    assertEquals(expertCells(first), expertCells(second));
  }

  @Test
  void pushEvaluation_twice_sameFigures() throws Exception {
    assertEquals(pushCells(PushEvaluation.run(dump)), pushCells(PushEvaluation.run(dump)));
  }

  @Test
  void newerDumpFormat_tagsSplitOnBars() {
    assertEquals(java.util.List.of("feature-request", "status-completed"), StackExchangeDump.tags("|feature-request|status-completed|"));
    assertEquals(java.util.List.of("algebra", "proofs"), StackExchangeDump.tags("<algebra><proofs>"));
    assertTrue(dump.posts().stream().flatMap(p -> p.tags().stream()).noneMatch(t -> t.contains("|")));
  }

  private static Map<String, String> expertCells(ExpertEvaluation.Result r) {
    Map<String, String> out = new LinkedHashMap<>();
    r.scores().forEach((system, s) -> out.put(system, s.cells()));
    return out;
  }

  private static Map<String, String> pushCells(Map<String, PushEvaluation.Metric[]> r) {
    Map<String, String> out = new LinkedHashMap<>();
    r.forEach((system, m) -> out.put(system, m[0].cells() + " / " + m[1].cells()));
    return out;
  }
}
