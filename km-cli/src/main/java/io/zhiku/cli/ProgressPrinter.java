package io.zhiku.cli;

import io.zhiku.core.kb.Progress;
import io.zhiku.core.kb.ProgressListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shows long work on standard error: a line for each report of work that has run a second or more, and its
 * last line. Short work prints nothing. Thread-safe (re-embedding reports from its own thread).
 */
final class ProgressPrinter implements ProgressListener {
  private static final Duration QUIET = Duration.ofSeconds(1);

  private final PrintWriter err;
  private final Set<String> shown = ConcurrentHashMap.newKeySet();

  ProgressPrinter(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void progress(Progress p) {
    if (p.elapsed().compareTo(QUIET) < 0 && !(p.finished() && shown.contains(p.operation()))) {
      return;
    }
    shown.add(p.operation());
    String amount = p.total() < 0 ? String.format(Locale.ROOT, "%,d", p.done())
        : String.format(Locale.ROOT, "%,d of %,d (%.0f%%)", p.done(), p.total(), 100 * p.fraction());
    synchronized (err) {
      err.printf(Locale.ROOT, "  %s: %s, %.1f s%s%n", p.operation(), amount, p.elapsed().toMillis() / 1000.0,
          p.finished() ? ", done" : "");
      err.flush();
    }
  }
}
