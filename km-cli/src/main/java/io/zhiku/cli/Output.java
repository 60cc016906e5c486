package io.zhiku.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The {@code --out} and {@code --zone} options of the commands that write what they read. */
final class Output {
  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to this file (UTF-8, replaced if it exists) "
      + "instead of standard output.")
  Path file;

  @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
      description = "Where days, months and quarters begin, e.g. Asia/Shanghai (default: ${DEFAULT-VALUE}).")
  ZoneId zone;

  /** What writes the output. */
  @FunctionalInterface
  interface Body {
    /**
     * Writes.
     *
     * @param out where to
     * @return how many records it wrote
     */
    long write(Writer out) throws IOException;
  }

  /**
   * Writes to the file, or to standard output (left open for the caller), then says on standard error what
   * went to the file.
   *
   * @param spec the command
   * @param what what a record is, for the message ("events")
   * @param body what writes
   */
  void write(CommandSpec spec, String what, Body body) throws IOException {
    if (file == null) {
      PrintWriter out = spec.commandLine().getOut();
      body.write(out);
      out.flush();
      return;
    }
    long n;
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      n = body.write(w);
    }
    spec.commandLine().getErr().printf(java.util.Locale.ROOT, "wrote %,d %s to %s%n", n, what, file);
  }
}
