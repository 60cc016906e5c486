package io.zhiku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.json.ZhikuJson;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.TextEmbedder;
import io.zhiku.skos.Skos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command against a temporary knowledge base: its output, its files and its exit code. */
class ZhikuCliTest {
  private static final String SECRET = "Confidential bid for the ministry";
  static final String TAXONOMY_TURTLE = """
      @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
      @prefix ex: <http://example.org/kb/> .
      ex:industry a skos:ConceptScheme ; skos:prefLabel "Industry"@en ; skos:hasTopConcept ex:public .
      ex:public a skos:Concept ; skos:inScheme ex:industry ; skos:topConceptOf ex:industry ;
        skos:prefLabel "Public sector"@en , "政企"@zh ; skos:narrower ex:education .
      ex:education a skos:Concept ; skos:inScheme ex:industry ; skos:prefLabel "Education"@en , "教育"@zh .
      """;

  @TempDir
  Path tmp;
  private Path dir;

  /** Output of one run. */
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = ZhikuCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /**
   * Three items (one only the board may read), and usage events in December 2025 and January 2026: views of
   * every item, searches and the secret item reused by the board.
   */
  @BeforeEach
  void knowledgeBase() {
    dir = tmp.resolve("kb");
    try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
      kb.put(KnowledgeItem.builder("faq-1", ItemKind.FAQ, "Campus card FAQ").body("How to issue campus cards.").authors("li")
          .acl(Acl.PUBLIC).build());
      kb.put(KnowledgeItem.builder("sol-1", ItemKind.SOLUTION, "Smart campus solution").body("Network and cards.")
          .authors("chen").acl(Acl.PUBLIC).build());
      kb.put(KnowledgeItem.builder("secret-1", ItemKind.SOLUTION, SECRET).body("Price and partners.").authors("wang")
          .acl(Acl.groups("board")).build());
      Principal clerk = Principal.of("clerk", Set.of("sales"), Set.of());
      Principal chair = Principal.of("chair", Set.of("board"), Set.of());
      for (int day = 1; day <= 20; day++) {
        for (String month : List.of("2025-12", "2026-01")) {
          Instant t = Instant.parse(month + "-%02dT09:00:00Z".formatted(day));
          kb.events().record(UsageEvent.ofItem(UsageEventType.VIEW, t, clerk, day % 2 == 0 ? "faq-1" : "sol-1"));
          kb.events().record(UsageEvent.ofSearch(t.plusSeconds(60), clerk, "campus card", 2, null));
          kb.events().record(UsageEvent.ofItem(UsageEventType.REUSE, t.plusSeconds(120), chair, "secret-1"));
        }
      }
      kb.commit();
    }
  }

  @Test
  void everyCommand_hasItsHelp() {
    for (List<String> command : List.of(List.<String>of(), List.of("taxonomy"), List.of("taxonomy", "validate"),
        List.of("taxonomy", "import"), List.of("taxonomy", "export"), List.of("index", "check"), List.of("events", "export"),
        List.of("report"), List.of("reembed"), List.of("stats"))) {
      List<String> args = new java.util.ArrayList<>(command);
      args.add("--help");
      Run r = run(args.toArray(String[]::new));
      assertEquals(0, r.exit(), command.toString());
      assertTrue(r.out().startsWith("Usage: zhiku" + (command.isEmpty() ? "" : " " + String.join(" ", command))), r.out());
    }
    Run version = run("--version");
    assertEquals(0, version.exit());
    assertTrue(version.out().startsWith("zhiku "), version.out());
  }

  @Test
  void badArguments_exit2_andMissingKnowledgeBases_exit3_withTheReason() throws Exception {
    Run unknown = run("stats", "--dir", dir.toString(), "--colour");
    assertEquals(ZhikuCli.USAGE, unknown.exit());
    assertTrue(unknown.err().contains("Unknown option: '--colour'"), unknown.err());
    assertEquals(ZhikuCli.USAGE, run("stats").exit(), "--dir is required");
    assertEquals(ZhikuCli.USAGE, run().exit(), "a command is required");

    Run missing = run("index", "check", "--dir", tmp.resolve("nowhere").toString());
    assertEquals(ZhikuCli.NO_KNOWLEDGE_BASE, missing.exit());
    assertTrue(missing.err().contains("no knowledge base at " + tmp.resolve("nowhere").toAbsolutePath() + ": no such directory"),
        missing.err());
    assertTrue(missing.err().startsWith("zhiku index check: "), "the command named: " + missing.err());
    assertFalse(Files.exists(tmp.resolve("nowhere")), "nothing created");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Run notKb = run("stats", "--dir", empty.toString());
    assertEquals(ZhikuCli.NO_KNOWLEDGE_BASE, notKb.exit());
    assertTrue(notKb.err().contains("has no items/ index"), notKb.err());
    try (var files = Files.list(empty)) {
      assertEquals(0, files.count(), "nothing created");
    }

    Run badDate = run("events", "export", "--dir", dir.toString(), "--from", "yesterday");
    assertEquals(ZhikuCli.USAGE, badDate.exit());
    assertTrue(badDate.err().contains("--from") && badDate.err().contains("yesterday"), badDate.err());
    Run badPeriod = run("report", "--dir", dir.toString(), "--viewer", "clerk", "--baseline", "2025-13", "--current", "2026-01");
    assertEquals(ZhikuCli.USAGE, badPeriod.exit());
    assertTrue(badPeriod.err().contains("--baseline") && badPeriod.err().contains("2025-13"), badPeriod.err());
    assertEquals(ZhikuCli.USAGE, run("report", "--dir", dir.toString(), "--viewer", "clerk", "--baseline", "2025-12",
        "--current", "2026-01", "--format", "pdf").exit());
  }

  @Test
  void taxonomy_validateImportExport() throws Exception {
    Path ttl = tmp.resolve("industry.ttl");
    Files.writeString(ttl, TAXONOMY_TURTLE, StandardCharsets.UTF_8);
    Run valid = run("taxonomy", "validate", ttl.toString());
    assertEquals(0, valid.exit(), valid.err());
    assertTrue(valid.out().contains("concepts: 2") && valid.out().contains("industry: 2 concepts, 1 top concepts"), valid.out());

    Path broken = tmp.resolve("broken.ttl");
    Files.writeString(broken, TAXONOMY_TURTLE.replace(" .\nex:public", " ;;\nex:public"), StandardCharsets.UTF_8);
    Run invalid = run("taxonomy", "validate", broken.toString());
    assertEquals(ZhikuCli.FAILED, invalid.exit());
    assertTrue(invalid.err().startsWith("zhiku taxonomy validate: "), invalid.err());
    assertEquals(ZhikuCli.USAGE, run("taxonomy", "validate", tmp.resolve("none.ttl").toString()).exit());

    Run imported = run("taxonomy", "import", "--dir", dir.toString(), ttl.toString());
    assertEquals(0, imported.exit(), imported.err());
    assertTrue(imported.out().contains("0 concepts before, 2 now"), imported.out());
    try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
      assertEquals(2, kb.taxonomy().size(), "committed and there when opened again");
    }
    Path exported = tmp.resolve("out.ttl");
    Run export = run("taxonomy", "export", "--dir", dir.toString(), exported.toString());
    assertEquals(0, export.exit(), export.err());
    assertEquals(2, Skos.read(exported).size());
    assertTrue(Skos.read(exported).concept("education").orElseThrow().prefLabels().containsValue("教育"));
  }

  @Test
  void indexCheck_andStats_printWhatTheKnowledgeBaseHolds() {
    Run check = run("index", "check", "--dir", dir.toString());
    assertEquals(0, check.exit(), check.err());
    assertTrue(check.out().contains("items: 3\n") && check.out().contains("usage events: 120\n"), check.out());
    assertTrue(check.out().matches("(?s).*last sequence: [1-9][0-9]*\ncommitted sequence: [1-9][0-9]*\n.*"), check.out());
    assertTrue(check.out().matches("(?s).*bytes on disk: items [1-9][0-9,]*, events [1-9][0-9,]*\n.*"), check.out());
    assertTrue(check.out().endsWith("ok\n"), check.out());

    Run stats = run("stats", "--dir", dir.toString());
    assertEquals(0, stats.exit(), stats.err());
    for (String line : List.of("items: 3", "usage events: 120", "  reuse: 40", "  search: 40", "  view: 40")) {
      assertTrue(stats.out().contains(line + "\n"), line + " in " + stats.out());
    }
  }

  @Test
  void eventsExport_asCsvAndJsonLines_byWindowAndType() throws Exception {
    Run all = run("events", "export", "--dir", dir.toString());
    assertEquals(0, all.exit(), all.err());
    String[] lines = all.out().split("\r\n");
    assertEquals("sequence,time,type,user,groups,roles,item,role,process,stage,attributes,query,result_count,value", lines[0]);
    assertEquals(121, lines.length, "a header and 120 events");

    Path file = tmp.resolve("january.jsonl");
    Run january = run("events", "export", "--dir", dir.toString(), "--from", "2026-01-01", "--to", "2026-02-01", "--type",
        "search", "--format", "jsonl", "--out", file.toString());
    assertEquals(0, january.exit(), january.err());
    assertTrue(january.err().contains("wrote 20 events to " + file), january.err());
    List<String> json = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(20, json.size());
    for (String line : json) {
      JsonNode e = ZhikuJson.newMapper().readTree(line);
      assertEquals("search", e.get("type").asText());
      assertEquals("campus card", e.get("query").asText());
      assertEquals(2, e.get("resultCount").asInt());
      assertEquals("[\"sales\"]", e.get("groups").toString());
      assertTrue(e.get("time").asText().startsWith("2026-01-"), line);
    }
    Run utc = run("events", "export", "--dir", dir.toString(), "--from", "2026-01-20", "--type", "view");
    assertEquals(2, utc.out().split("\r\n").length, "the view of 2026-01-20 09:00 UTC only: " + utc.out());
    Run honolulu = run("events", "export", "--dir", dir.toString(), "--from", "2026-01-20", "--zone", "Pacific/Honolulu",
        "--type", "view");
    assertEquals(1, honolulu.out().split("\r\n").length, "2026-01-20 begins at 10:00 UTC in Honolulu: " + honolulu.out());
  }

  /**
   * The report is the viewer's: the clerk's does not name the board's bid nor count its reuses, the chair's
   * does; the language follows --locale.
   */
  @Test
  void report_isTheViewersReport_inTheirLanguage() throws Exception {
    Path html = tmp.resolve("clerk.html");
    Run clerk = run("report", "--dir", dir.toString(), "--viewer", "clerk", "--group", "sales", "--baseline", "2025-12",
        "--current", "2026-01", "--trend", "month", "--out", html.toString());
    assertEquals(0, clerk.exit(), clerk.err());
    String page = Files.readString(html);
    assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("Before and after"), page);
    assertFalse(page.contains(SECRET), "the clerk may not read the bid");
    assertTrue(page.contains("Campus card FAQ"), "the most used items the clerk may read");

    Run chair = run("report", "--dir", dir.toString(), "--viewer", "chair", "--group", "board", "--baseline", "2025-12",
        "--current", "2026-01", "--format", "json");
    assertEquals(0, chair.exit(), chair.err());
    JsonNode root = ZhikuJson.newMapper().readTree(chair.out());
    assertEquals("chair", root.get("viewer").asText());
    assertTrue(root.get("topItems").toString().contains(SECRET), "the chair may");

    Run zh = run("report", "--dir", dir.toString(), "--viewer", "clerk", "--group", "sales", "--baseline",
        "2025-12-01..2026-01-01", "--current", "2026-01-01..2026-02-01", "--locale", "zh-CN", "--zone", "Asia/Shanghai");
    assertEquals(0, zh.exit(), zh.err());
    assertTrue(zh.out().contains("<html lang=\"zh-CN\">") && zh.out().contains("前后对比"), zh.out());

    Run csv = run("report", "--dir", dir.toString(), "--viewer", "clerk", "--baseline", "2025-12", "--current", "2026-01",
        "--format", "csv", "--segment", "kind=faq");
    assertEquals(0, csv.exit(), csv.err());
    assertTrue(csv.out().startsWith("kpi,name,unit,direction,baseline,current,"), csv.out());
    assertEquals(ZhikuCli.USAGE, run("report", "--dir", dir.toString(), "--viewer", "clerk", "--baseline", "2025-12",
        "--current", "2026-01", "--segment", "colour=blue").exit());
  }

  /** A small deterministic embedder, loaded by class name as a host's own would be. */
  public static final class LettersEmbedder implements TextEmbedder {
    /** Loaded by reflection. */
    public LettersEmbedder() {}

    @Override
    public String name() {
      return "letters-v1";
    }

    @Override
    public int dimensions() {
      return 4;
    }

    @Override
    public float[] embed(String text) {
      float[] v = new float[4];
      for (char c : text.toCharArray()) {
        v[c % 4] += 1;
      }
      v[0] += 0.5f; // never the zero vector
      return v;
    }
  }

  @Test
  void reembed_embedsWhatLacksAVector_commits_thenHasNothingLeft() {
    Run first = run("reembed", "--dir", dir.toString(), "--embedder", LettersEmbedder.class.getName());
    assertEquals(ZhikuCli.OK, first.exit(), first.err());
    assertTrue(first.out().startsWith("re-embedded 3 items with letters-v1 in "), first.out());
    Run again = run("reembed", "--dir", dir.toString(), "--embedder", LettersEmbedder.class.getName());
    assertEquals(ZhikuCli.OK, again.exit(), again.err());
    assertEquals("every item has a vector of letters-v1: nothing to embed", again.out().strip(), "the vectors were committed");
  }

  @Test
  void reembed_badEmbedderOrDirectory_isRefusedBeforeAnythingIsOpened() {
    for (String bad : List.of("klingon", "java.lang.String", ZhikuCli.class.getName())) {
      Run r = run("reembed", "--dir", dir.toString(), "--embedder", bad);
      assertEquals(ZhikuCli.USAGE, r.exit(), bad + ": " + r.err());
      assertTrue(r.err().contains("--embedder") && r.err().contains(bad), r.err());
    }
    Run missing = run("reembed", "--dir", tmp.resolve("nowhere").toString(), "--embedder", LettersEmbedder.class.getName());
    assertEquals(3, missing.exit(), missing.err());
    assertFalse(Files.exists(tmp.resolve("nowhere")), "nothing is created");
  }
}
