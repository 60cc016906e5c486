package io.zhiku.cli;

import io.zhiku.core.kb.KnowledgeBase;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --dir} option of the commands that open a knowledge base, and how they open it. */
final class KnowledgeBaseDirectory {
  @Option(names = {"-d", "--dir"}, required = true, paramLabel = "DIR",
      description = "The knowledge base's directory (the embedded engine's: it holds items/ and events/).")
  Path dir;

  /**
   * Opens the knowledge base, printing the progress of a long opening.
   *
   * @param err where progress goes
   * @return the open knowledge base; the caller closes it (which commits)
   * @throws NoKnowledgeBaseException if the directory holds none
   */
  KnowledgeBase open(PrintWriter err) {
    if (!Files.isDirectory(dir)) {
      throw new NoKnowledgeBaseException(dir, "no such directory");
    }
    if (!Files.isDirectory(dir.resolve("items"))) {
      throw new NoKnowledgeBaseException(dir, "it has no items/ index (is it the directory KnowledgeBase.open was given?)");
    }
    return create(err);
  }

  /** Opens the knowledge base, creating it if the directory holds none. */
  KnowledgeBase create(PrintWriter err) {
    return KnowledgeBase.builder().directory(dir).progressListener(new ProgressPrinter(err)).build();
  }
}
