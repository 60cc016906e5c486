package io.zhiku.cli;

import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.skos.Skos;
import io.zhiku.skos.SkosOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zhiku taxonomy validate|import|export}: the taxonomy as SKOS. */
@Command(name = "taxonomy", mixinStandardHelpOptions = true,
    description = "Check, import or export a taxonomy as SKOS (Turtle .ttl, RDF/XML .rdf/.xml/.owl).",
    subcommands = {TaxonomyCommand.Validate.class, TaxonomyCommand.Import.class, TaxonomyCommand.Export.class})
final class TaxonomyCommand implements Runnable {
  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: validate, import or export");
  }

  /** Prints what a taxonomy holds. */
  static void describe(PrintWriter out, Taxonomy t) {
    out.printf(Locale.ROOT, "concepts: %,d%nschemes: %,d%n", t.size(), t.schemes().size());
    for (ConceptScheme s : t.schemes()) {
      out.printf(Locale.ROOT, "  %s: %,d concepts, %,d top concepts%n", s.id(), t.conceptsInScheme(s.id()).size(),
          t.topConcepts(s.id()).size());
    }
  }

  private static Path existing(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new io.zhiku.core.ValidationException("file", file, "an existing SKOS file");
    }
    return file;
  }

  /** Reads a SKOS file and says what it holds, or why it is not a valid taxonomy. */
  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Read a SKOS file and print its concepts and schemes, or why it is not a valid taxonomy (exit 1).")
  static final class Validate implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The SKOS file (.ttl, .rdf, .xml or .owl).")
    Path file;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
      Taxonomy t = Skos.readInto(Taxonomy.empty(), existing(file), SkosOptions.DEFAULTS,
          new ProgressPrinter(spec.commandLine().getErr()));
      PrintWriter out = spec.commandLine().getOut();
      out.println("valid: " + file);
      describe(out, t);
      return ZhikuCli.OK;
    }
  }

  /** Reads a SKOS file into a knowledge base's taxonomy. */
  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Add a SKOS file's schemes and concepts to the knowledge base's taxonomy (those with the same ids "
          + "are replaced), or replace the whole taxonomy with --replace. Committed before the command ends.")
  static final class Import implements Callable<Integer> {
    @Mixin
    KnowledgeBaseDirectory kb;

    @Parameters(paramLabel = "FILE", description = "The SKOS file (.ttl, .rdf, .xml or .owl).")
    Path file;

    @Option(names = "--replace", description = "Replace the taxonomy instead of adding to it.")
    boolean replace;

    @Option(names = "--create", description = "Create the knowledge base if the directory holds none.")
    boolean create;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      existing(file);
      try (KnowledgeBase base = create ? kb.create(err) : kb.open(err)) {
        int before = base.taxonomy().size();
        Taxonomy read = Skos.readInto(replace ? Taxonomy.empty() : base.taxonomy(), file, SkosOptions.DEFAULTS,
            new ProgressPrinter(err));
        base.setTaxonomy(read);
        base.commit();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "imported %s: %,d concepts before, %,d now%n", file, before, read.size());
        describe(out, read);
      }
      return ZhikuCli.OK;
    }
  }

  /** Writes a knowledge base's taxonomy as SKOS. */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write the knowledge base's taxonomy as SKOS; the format follows the file name (.ttl or .rdf).")
  static final class Export implements Callable<Integer> {
    @Mixin
    KnowledgeBaseDirectory kb;

    @Parameters(paramLabel = "FILE", description = "The file to write (.ttl, .rdf, .xml or .owl); replaced if it exists.")
    Path file;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
      try (KnowledgeBase base = kb.open(spec.commandLine().getErr())) {
        Taxonomy t = base.taxonomy();
        Skos.write(t, file);
        spec.commandLine().getOut().printf(Locale.ROOT, "exported %,d concepts to %s%n", t.size(), file);
      }
      return ZhikuCli.OK;
    }
  }
}
