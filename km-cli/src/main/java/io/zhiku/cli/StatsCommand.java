package io.zhiku.cli;

import io.zhiku.core.event.EventQuery;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseStats;
import io.zhiku.core.kb.OperationStats;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zhiku stats}: what the knowledge base holds, and what opening it took. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Open the knowledge base and print its sizes and sequence numbers, the usage events by type, and the "
        + "time opening took. (A running host reads the same figures from KnowledgeBase.stats() or km-micrometer.)")
final class StatsCommand implements Callable<Integer> {
  @Mixin
  KnowledgeBaseDirectory kb;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    long started = System.nanoTime();
    try (KnowledgeBase base = kb.open(spec.commandLine().getErr())) {
      double opened = (System.nanoTime() - started) / 1e9;
      KnowledgeBaseStats s = base.stats();
      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "items: %,d%n", s.items());
      out.printf(Locale.ROOT, "taxonomy concepts: %,d%n", base.taxonomy().size());
      Map<String, Long> byType = new TreeMap<>(); // one scan gives the total and the split
      base.events().scan(EventQuery.ALL, row -> byType.merge(row.type(), 1L, Long::sum));
      out.printf(Locale.ROOT, "usage events: %,d%n", byType.values().stream().mapToLong(Long::longValue).sum());
      byType.forEach((type, n) -> out.printf(Locale.ROOT, "  %s: %,d%n", type, n));
      out.printf(Locale.ROOT, "last sequence: %d%ncommitted sequence: %d%n", s.lastSequence(), s.committedSequence());
      OperationStats refreshes = s.refreshes();
      out.printf(Locale.ROOT, "opened in %.2f s (%d refreshes so far)%n", opened, refreshes.count());
    }
    return ZhikuCli.OK;
  }
}
