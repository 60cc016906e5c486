package io.zhiku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Command line" block, run command by command against a temporary knowledge base: what the
 * README shows works. Relative paths in the commands ({@code kb}, files with an extension) are read inside a
 * temporary directory.
 */
class ReadmeCommandsTest {
  @TempDir
  Path tmp;

  @Test
  void theReadmesCommands_run() throws Exception {
    List<String> commands = commands(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8));
    assertTrue(commands.size() >= 7, "the block lists the commands: " + commands);
    ZhikuCliTest fixture = new ZhikuCliTest();
    fixture.tmp = tmp;
    fixture.knowledgeBase(); // tmp/kb
    Files.writeString(tmp.resolve("industry.ttl"), ZhikuCliTest.TAXONOMY_TURTLE, StandardCharsets.UTF_8);
    for (String command : commands) {
      List<String> args = new ArrayList<>();
      for (String word : Arrays.asList(command.split("\\s+")).subList(1, command.split("\\s+").length)) {
        args.add(word.equals("kb") || word.matches("[\\w-]+\\.(ttl|jsonl|html|csv|json)") ? tmp.resolve(word).toString() : word);
      }
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit = ZhikuCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args.toArray(String[]::new));
      assertEquals(0, exit, command + "\n" + err);
    }
    assertTrue(Files.readString(tmp.resolve("report.html")).contains("前后对比"), "the report in Chinese");
    assertEquals(60, Files.readAllLines(tmp.resolve("events-2026-01.jsonl")).size(), "January's events");
    assertTrue(Files.size(tmp.resolve("taxonomy-backup.ttl")) > 0);
  }

  /** The lines starting with "zhiku " in the first bash block after the "Command line" heading. */
  static List<String> commands(String readme) {
    int section = readme.indexOf("\n## Command line\n");
    assertTrue(section >= 0, "the README has a Command line section");
    int start = readme.indexOf("```bash\n", section);
    int end = readme.indexOf("```\n", start + 8);
    List<String> out = new ArrayList<>();
    for (String line : readme.substring(start + 8, end).split("\n")) {
      if (line.startsWith("zhiku ")) {
        out.add(line.strip());
      }
    }
    return out;
  }
}
