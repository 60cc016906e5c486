package io.zhiku.cli;

import java.nio.file.Path;

/** The directory a command was pointed at holds no knowledge base. */
final class NoKnowledgeBaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NoKnowledgeBaseException(Path dir, String why) {
    super("no knowledge base at " + dir.toAbsolutePath() + ": " + why);
  }
}
