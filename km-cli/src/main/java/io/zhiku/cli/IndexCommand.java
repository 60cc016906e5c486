package io.zhiku.cli;

import io.zhiku.core.event.EventQuery;
import io.zhiku.core.kb.KnowledgeBase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zhiku index check}: opens a knowledge base, reads everything back, prints its sizes. */
@Command(name = "index", mixinStandardHelpOptions = true, description = "Check a knowledge base's stores.",
    subcommands = IndexCommand.Check.class)
final class IndexCommand implements Runnable {
  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: check");
  }

  /** Opens, verifies, prints sizes and sequences. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Open the knowledge base (recovering what a crash left), read every item and every usage event back, "
          + "and print the counts, the last and committed sequence numbers and the bytes on disk. Exit 1 if a count "
          + "read back differs from the store's own.")
  static final class Check implements Callable<Integer> {
    @Mixin
    KnowledgeBaseDirectory kb;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      long started = System.nanoTime();
      try (KnowledgeBase base = kb.open(spec.commandLine().getErr())) {
        long opened = System.nanoTime();
        AtomicLong items = new AtomicLong();
        base.forEachItem(item -> items.incrementAndGet());
        AtomicLong events = new AtomicLong();
        base.events().scan(EventQuery.ALL, row -> events.incrementAndGet());
        long catalogued = base.catalog().size();
        long counted = base.events().count(EventQuery.ALL);
        out.printf(Locale.ROOT, "directory: %s%n", kb.dir.toAbsolutePath());
        out.printf(Locale.ROOT, "items: %,d%n", items.get());
        out.printf(Locale.ROOT, "usage events: %,d%n", events.get());
        out.printf(Locale.ROOT, "taxonomy concepts: %,d%n", base.taxonomy().size());
        out.printf(Locale.ROOT, "last sequence: %d%ncommitted sequence: %d%n", base.lastSequence(), base.committedSequence());
        out.printf(Locale.ROOT, "bytes on disk: items %,d, events %,d%n", bytes(kb.dir.resolve("items")),
            bytes(kb.dir.resolve("events")));
        out.printf(Locale.ROOT, "opened in %.1f s, read back in %.1f s%n", (opened - started) / 1e9,
            (System.nanoTime() - opened) / 1e9);
        boolean ok = items.get() == catalogued && events.get() == counted;
        if (!ok) {
          spec.commandLine().getErr().printf(Locale.ROOT, "zhiku index check: read back %,d items and %,d events, but the "
              + "stores count %,d and %,d%n", items.get(), events.get(), catalogued, counted);
        }
        out.println(ok ? "ok" : "FAILED");
        return ok ? ZhikuCli.OK : ZhikuCli.FAILED;
      }
    }

    private static long bytes(Path dir) {
      if (!Files.isDirectory(dir)) {
        return 0;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        return files.filter(Files::isRegularFile).mapToLong(f -> {
          try {
            return Files.size(f);
          } catch (IOException e) {
            return 0; // removed by a merge while walking
          }
        }).sum();
      } catch (IOException e) {
        throw new UncheckedIOException("could not list " + dir, e);
      }
    }
  }
}
