package io.zhiku.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhiku.core.ValidationException;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.internal.Csv;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.json.ZhikuJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zhiku events export}: usage events for a BI tool, as CSV or JSON lines. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Usage events.",
    subcommands = EventsCommand.Export.class)
final class EventsCommand implements Runnable {
  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: export");
  }

  /** Writes the events of a window. */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write the usage events of a window, in the order they were recorded, as CSV (one line per event, "
          + "context attributes as key=value pairs joined by ';') or JSON lines (one object per line), for BI tools.")
  static final class Export implements Callable<Integer> {
    /** The CSV columns. */
    static final List<String> COLUMNS = List.of("sequence", "time", "type", "user", "groups", "roles", "item", "role",
        "process", "stage", "attributes", "query", "result_count", "value");

    @Mixin
    KnowledgeBaseDirectory kb;

    @Option(names = "--from", paramLabel = "WHEN", description = "The first instant: a date (midnight in --zone) or an ISO "
        + "instant. Default: the first event.")
    String from;

    @Option(names = "--to", paramLabel = "WHEN", description = "The instant after the last, excluded: a date or an ISO "
        + "instant. Default: the last event.")
    String to;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only events of this type (repeat for more), e.g. search.")
    List<String> types = List.of();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv",
        description = "csv or jsonl (default: ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    Output output;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      if (!List.of("csv", "jsonl").contains(format)) {
        throw new ValidationException("--format", format, "csv or jsonl");
      }
      EventQuery.Builder query = EventQuery.builder().window(when("--from", from), when("--to", to));
      if (!types.isEmpty()) {
        query.types(types.stream().map(UsageEventType::of).toArray(UsageEventType[]::new));
      }
      EventQuery q = query.build();
      try (KnowledgeBase base = kb.open(spec.commandLine().getErr())) {
        output.write(spec, "events", w -> write(base, q, w));
      }
      return ZhikuCli.OK;
    }

    private long write(KnowledgeBase base, EventQuery q, Writer w) throws IOException {
      return "csv".equals(format) ? csv(base, q, w) : jsonLines(base, q, w);
    }

    private Instant when(String option, String text) {
      return text == null ? null : Periods.instant(option, text, output.zone);
    }

    private static long csv(KnowledgeBase base, EventQuery q, Writer w) {
      Csv csv = new Csv(w, COLUMNS.toArray(String[]::new));
      AtomicLong n = new AtomicLong();
      base.events().scan(q, row -> {
        UsageEvent e = row.toEvent();
        WorkContext c = e.context();
        StringBuilder attributes = new StringBuilder();
        if (c != null) {
          new TreeMap<>(c.attributes()).forEach((k, v) -> attributes.append(attributes.length() == 0 ? "" : ";").append(k)
              .append('=').append(v));
        }
        csv.row(row.sequence(), e.time(), e.type().name(), e.principal().userId(), String.join(";", new TreeSet<>(e.principal().groups())),
            String.join(";", new TreeSet<>(e.principal().roles())), text(e.itemId()), c == null ? "" : text(c.role()),
            c == null ? "" : text(c.process()), c == null ? "" : text(c.stage()), attributes, text(e.query()),
            e.resultCount() == null ? "" : e.resultCount(), e.value() == null ? "" : e.value());
        n.incrementAndGet();
      });
      return n.get();
    }

    private static long jsonLines(KnowledgeBase base, EventQuery q, Writer w) throws IOException {
      ObjectMapper mapper = ZhikuJson.newMapper();
      AtomicLong n = new AtomicLong();
      try (JsonGenerator json = mapper.getFactory().createGenerator(w)) {
        json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        json.setRootValueSeparator(null); // one object per line, nothing between
        base.events().scan(q, row -> {
          UsageEvent e = row.toEvent();
          try {
            json.writeStartObject();
            json.writeNumberField("sequence", row.sequence());
            json.writeStringField("time", e.time().atOffset(ZoneOffset.UTC).toString());
            json.writeStringField("type", e.type().name());
            json.writeStringField("user", e.principal().userId());
            array(json, "groups", e.principal().groups());
            array(json, "roles", e.principal().roles());
            field(json, "item", e.itemId());
            WorkContext c = e.context();
            if (c != null) {
              json.writeObjectFieldStart("context");
              field(json, "role", c.role());
              field(json, "process", c.process());
              field(json, "stage", c.stage());
              json.writeObjectFieldStart("attributes");
              for (Map.Entry<String, String> a : new TreeMap<>(c.attributes()).entrySet()) {
                json.writeStringField(a.getKey(), a.getValue());
              }
              json.writeEndObject();
              json.writeEndObject();
            }
            field(json, "query", e.query());
            if (e.resultCount() != null) {
              json.writeNumberField("resultCount", e.resultCount());
            }
            if (e.value() != null) {
              json.writeNumberField("value", e.value());
            }
            json.writeEndObject();
            json.writeRaw('\n');
            n.incrementAndGet();
          } catch (IOException x) {
            throw new UncheckedIOException("could not write event " + row.sequence(), x);
          }
        });
      }
      return n.get();
    }

    private static void array(JsonGenerator json, String name, Collection<String> values) throws IOException {
      json.writeArrayFieldStart(name);
      for (String v : new TreeSet<>(values)) {
        json.writeString(v);
      }
      json.writeEndArray();
    }

    private static void field(JsonGenerator json, String name, String value) throws IOException {
      if (value != null) {
        json.writeStringField(name, value);
      }
    }

    private static String text(String s) {
      return s == null ? "" : s;
    }
  }
}
