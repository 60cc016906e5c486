package io.zhiku.cli;

import io.zhiku.core.ValidationException;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.Progress;
import io.zhiku.core.kb.ProgressListener;
import io.zhiku.core.search.TextEmbedder;
import io.zhiku.embed.BundledEmbedders;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code zhiku reembed}: embeds every item that has no vector of an embedder (after a model change), with
 * progress, and commits. The knowledge base does the work itself when it opens with a new embedder, in the
 * background; this command runs that to its end while no host has the knowledge base open, so that the host
 * ranks by meaning from its first search.
 */
@Command(name = "reembed", mixinStandardHelpOptions = true,
    description = "Embed every item that has no vector of the embedder (after a model change) and commit, showing the "
        + "progress. A host that then opens the knowledge base with the same embedder ranks by meaning at once. Stop "
        + "any host that has the knowledge base open first.")
final class ReembedCommand implements Callable<Integer> {
  @Mixin
  KnowledgeBaseDirectory kb;

  @Option(names = "--embedder", required = true, paramLabel = "EMBEDDER",
      description = "chinese (bge-small-zh-v1.5, bundled), english (bge-small-en-v1.5, bundled), or the class name of "
          + "a TextEmbedder with a public no-argument constructor on the class path.")
  String embedder;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    kb.check(); // before loading a model, which takes seconds
    TextEmbedder e = embedder(embedder);
    PrintWriter out = spec.commandLine().getOut();
    Run run = new Run(new ProgressPrinter(spec.commandLine().getErr()));
    Progress last;
    try (KnowledgeBase base = kb.open(e, run)) {
      if (!run.started) { // the run reports its beginning before the builder returns, if there is one
        out.printf(Locale.ROOT, "every item has a vector of %s: nothing to embed%n", e.name());
        return ZhikuCli.OK;
      }
      run.finished.await();
      last = run.last;
    } // closing commits what the run wrote
    if (last.done() < last.total()) {
      spec.commandLine().getErr().printf(Locale.ROOT, "re-embedding with %s stopped after %,d of %,d items (see the log "
          + "above, -v for more); the rest is embedded at the next open%n", e.name(), last.done(), last.total());
      return ZhikuCli.FAILED;
    }
    out.printf(Locale.ROOT, "re-embedded %,d items with %s in %.1f s; committed%n", last.total(), e.name(),
        last.elapsed().toMillis() / 1000.0);
    return ZhikuCli.OK;
  }

  /** The named embedder: a bundled one, or a class on the class path. */
  static TextEmbedder embedder(String name) {
    switch (name) {
      case "chinese":
        return BundledEmbedders.chinese();
      case "english":
        return BundledEmbedders.english();
      default:
        break;
    }
    Class<?> type;
    try {
      type = Class.forName(name);
    } catch (ClassNotFoundException | LinkageError ex) {
      throw new ValidationException("--embedder", name, "chinese, english, or a class on the class path");
    }
    if (!TextEmbedder.class.isAssignableFrom(type)) {
      throw new ValidationException("--embedder", name, "a class that implements " + TextEmbedder.class.getName());
    }
    try {
      return (TextEmbedder) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException ex) {
      throw new ValidationException("--embedder", name, "a class with a public no-argument constructor (" + ex + ")");
    }
  }

  /** Hears whether re-embedding started and its last report, and passes every report to the printer. */
  private static final class Run implements ProgressListener {
    private final ProgressListener printer;
    final CountDownLatch finished = new CountDownLatch(1);
    volatile boolean started;
    volatile Progress last;

    Run(ProgressListener printer) {
      this.printer = printer;
    }

    @Override
    public void progress(Progress p) {
      printer.progress(p);
      if (!p.operation().equals(Progress.REEMBED)) {
        return;
      }
      started = true;
      if (p.finished()) {
        last = p;
        finished.countDown();
      }
    }
  }
}
