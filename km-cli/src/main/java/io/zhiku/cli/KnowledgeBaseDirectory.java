package io.zhiku.cli;

import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.ProgressListener;
import io.zhiku.core.search.TextEmbedder;
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
    check();
    return create(err);
  }

  /**
   * Opens the knowledge base with an embedder: items without its vectors are re-embedded in the background.
   *
   * @param embedder the embedder
   * @param progress hears the opening and the re-embedding
   * @return the open knowledge base; the caller closes it (which commits)
   * @throws NoKnowledgeBaseException if the directory holds none
   */
  KnowledgeBase open(TextEmbedder embedder, ProgressListener progress) {
    check();
    return KnowledgeBase.builder().directory(dir).embedder(embedder).progressListener(progress).build();
  }

  /**
   * Checks that the directory holds a knowledge base, without opening it.
   *
   * @throws NoKnowledgeBaseException if it holds none
   */
  void check() {
    if (!Files.isDirectory(dir)) {
      throw new NoKnowledgeBaseException(dir, "no such directory");
    }
    if (!Files.isDirectory(dir.resolve("items"))) {
      throw new NoKnowledgeBaseException(dir, "it has no items/ index (is it the directory KnowledgeBase.open was given?)");
    }
  }

  /** Opens the knowledge base, creating it if the directory holds none. */
  KnowledgeBase create(PrintWriter err) {
    return KnowledgeBase.builder().directory(dir).progressListener(new ProgressPrinter(err)).build();
  }
}
