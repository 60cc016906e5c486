package io.zhiku.cli;

import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code zhiku} command: operates a knowledge base on the embedded engine without writing Java. Each
 * subcommand has its own {@code --help}.
 *
 * <p>Exit codes: {@value #OK} done; {@value #FAILED} the work failed (unreadable data, an engine error);
 * {@value #USAGE} bad arguments (an unknown option, a malformed date or file, a value out of range); {@value
 * #NO_KNOWLEDGE_BASE} the directory holds no knowledge base. Messages go to standard error, results to
 * standard output or the file named.
 */
@Command(name = "zhiku", mixinStandardHelpOptions = true, versionProvider = ZhikuCli.Version.class,
    description = "Operate a Zhiku knowledge base: taxonomy, index check, events export, KPI reports, re-embedding, stats.",
    subcommands = {TaxonomyCommand.class, IndexCommand.class, EventsCommand.class, ReportCommand.class, ReembedCommand.class,
        StatsCommand.class, CommandLine.HelpCommand.class})
public final class ZhikuCli implements Runnable {
  /** Exit code: done. */
  public static final int OK = 0;
  /** Exit code: the work failed. */
  public static final int FAILED = 1;
  /** Exit code: bad arguments. */
  public static final int USAGE = 2;
  /** Exit code: the directory holds no knowledge base. */
  public static final int NO_KNOWLEDGE_BASE = 3;

  @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
      description = "Show the library's INFO log (what opening, recovery and imports did) on standard error.")
  void verbose(boolean on) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", on ? "info" : "warn");
  }

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  private ZhikuCli() {}

  /**
   * Runs the command and exits the JVM with its exit code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command without exiting: for tests and for hosts that embed it.
   *
   * @param args the arguments
   * @return the exit code
   */
  public static int run(String... args) {
    return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
  }

  /**
   * The command line with its output streams and error handling.
   *
   * @param out where results and help go
   * @param err where messages go
   * @return the command line, ready to execute
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    System.setProperty("org.slf4j.simpleLogger.logFile", System.getProperty("org.slf4j.simpleLogger.logFile", "System.err"));
    // The embedding models' runtime (DJL) warns of what a CPU-only machine lacks (CUDA) and of defaults it took.
    System.setProperty("org.slf4j.simpleLogger.log.ai.djl", System.getProperty("org.slf4j.simpleLogger.log.ai.djl", "error"));
    CommandLine cli = new CommandLine(new ZhikuCli());
    cli.setOut(out).setErr(err);
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + message(e));
      if (e instanceof NoKnowledgeBaseException) {
        return NO_KNOWLEDGE_BASE;
      }
      return e instanceof ValidationException || e instanceof CommandLine.ParameterException ? USAGE : FAILED;
    });
    return cli;
  }

  private static String message(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable cause = e.getCause();
    if (!(e instanceof ZhikuException) && cause != null && cause.getMessage() != null && !m.contains(cause.getMessage())) {
      m = m + " (" + cause.getMessage() + ")";
    }
    return m;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: " + String.join(", ",
        spec.subcommands().keySet()));
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ZhikuCli.class.getPackage().getImplementationVersion();
      return new String[] {"zhiku " + (v == null ? "(development build)" : v)};
    }
  }
}
