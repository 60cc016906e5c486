package io.zhiku.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's story holds: each part shows what it claims, and nothing confidential leaks into the report. */
class DemoTest {
  @Test
  void theWholeStory_withoutSeedArticles(@TempDir Path dir) throws IOException {
    String out = run(dir, Optional.empty());
    theStoryHolds(out, dir);
    // 7. with the embedder (the embedded engine's demo only): a question sharing no word with anything
    String meaning = out.substring(out.indexOf("asks, in other words"), out.indexOf("== 8."));
    assertTrue(meaning.lines().skip(2).findFirst().orElseThrow().strip()
        .matches("sol-hospital-iot +医院物联网资产定位方案 \\(0% of words shared\\)"), "the nearest by meaning:\n" + meaning);
    String people = meaning.substring(meaning.indexOf("and the people behind it"));
    assertTrue(people.contains("AUTHORED        sol-hospital-iot \"医院物联网资产定位方案\" (weight"), people);
    assertTrue(people.lines().filter(l -> l.matches("    \\S+ +score .*")).anyMatch(l -> l.strip().startsWith("liu ")),
        "its author among the three experts:\n" + people);
    assertTrue(people.contains("0% of words shared"), people);
    assertFalse(people.matches("(?s).*(?<![0-9])[1-9][0-9]*% of words shared.*"),
        "no evidence shares a word with the question:\n" + people);
    assertTrue(out.strip().endsWith(dir.resolve("report.html").toAbsolutePath().toString()), "the report's path is printed last");
  }

  /**
   * What the demo claims, part by part, on any engine (the demo on SolrCloud is held to it too).
   *
   * @param out what the demo printed, without seed articles
   * @param dir its output directory
   */
  static void theStoryHolds(String out, Path dir) throws IOException {
    assertTrue(out.contains("(no seed articles found"), out);
    // 1. taxonomy, one dimension from SKOS
    assertTrue(line(out, "label lookup \"智慧校園\"").endsWith("-> 智慧校园 (ind.smart-campus)"), out);
    assertTrue(line(out, "label lookup \"招投标\"").endsWith("-> 投标 (work.bidding)"), "an altLabel from the SKOS file");
    // 4. search: traditional query, simplified item first; the confidential bid for the education team only
    String traditional = out.substring(out.indexOf("\"智慧校園專網\""));
    assertTrue(traditional.lines().skip(1).findFirst().orElseThrow().contains("sol-campus-5g"), traditional);
    assertTrue(line(out, "\"投标方案\" as li").contains("sol-edu-bid-confidential"), out);
    assertFalse(line(out, "\"投标方案\" as wang").contains("sol-edu-bid-confidential"), out);
    assertTrue(out.contains("<em>"), "highlights");
    assertTrue(line(out, "facet industry:").contains("教育="), "facets with labels");
    // 5. push at every stage, with the stage's curated rule among the reasons
    for (String stage : List.of("需求分析", "方案制定", "商务谈判", "交付实施")) {
      String part = out.substring(out.indexOf("  " + stage + " / "));
      part = part.substring(0, part.indexOf("\n  ", part.indexOf("because")) + 1);
      assertTrue(part.contains("because recommended for"), stage + ":\n" + part);
    }
    String pushes = out.substring(out.indexOf("== 5."), out.indexOf("== 6."));
    assertFalse(pushes.contains("sol-edu-bid-confidential"), "wang is never pushed what he may not read");
    // 6. capture: where the write-up belongs, with reasons; a misspelt label is found but never shown
    String capture = out.substring(out.indexOf("== 6."), out.indexOf("== 7."));
    assertTrue(line(capture, "prod.5g-private").contains("the text says \u201c5G专网\u201d"), capture);
    assertTrue(line(capture, "ind.smart-campus").contains("the text names it"), capture);
    assertFalse(capture.contains("智能校园\u201d"), "the hidden label is not displayed");
    String duplicates = capture.substring(capture.indexOf("checks whether it is already answered"));
    assertTrue(duplicates.lines().skip(1).findFirst().orElseThrow().strip().startsWith("WARN  0.69  faq-5g-latency"),
        "the traditional-Chinese FAQ caught as a duplicate: " + duplicates);
    assertEquals(1, duplicates.lines().filter(l -> l.strip().startsWith("WARN")).count(), "and only it: " + duplicates);
    // 7. the expert who built and answered it comes first, with evidence
    String experts = out.substring(out.indexOf("li asks:"));
    assertTrue(experts.lines().skip(1).findFirst().orElseThrow().strip().startsWith("chen "), experts);
    assertTrue(experts.contains("ACCEPTED_ANSWER a-campus-card-chen"), experts);
    assertTrue(Files.readString(dir.resolve("customer-map.dot")).startsWith("digraph"));
    // 8. KPIs before/after, ROI, leaderboard, the HTML file
    assertTrue(line(out, "Search success rate").endsWith("IMPROVED"), out);
    assertTrue(line(out, "Project cycle time").endsWith("IMPROVED"), out);
    assertTrue(line(out, "ROI over 5 years").contains("NPV"), out);
    assertTrue(line(out, "(progress listener: the comparison read").matches(".*read [1-9][0-9,]* usage events\\)"), out);
    assertTrue(line(out, "incentive points since go-live").contains("#1 chen"), out);
    Path html = dir.resolve("report.html");
    assertTrue(out.contains("The HTML report (one file, opens offline): " + html.toAbsolutePath()), "the report's path");
    String page = Files.readString(html);
    assertTrue(page.contains("<svg"), "charts inline");
    assertTrue(page.contains("<html lang=\"zh-CN\">") && page.contains("知识管理成效报告") && page.contains("前后对比"),
        "the report in its readers' language");
    String english = Files.readString(dir.resolve("report.en.html"));
    assertTrue(english.contains("Before and after") && english.contains("Knowledge management review"), "and in English");
    assertTrue(english.contains(">Resolution time, no knowledge used</text>"), "the longest standard KPI name, whole in its chart");
    assertFalse(page.contains("…</text>") || english.contains("…</text>"), "no standard KPI's name cut to fit its chart");
    for (String hidden : List.of("sol-edu-bid-confidential", "省教育厅")) {
      for (String file : List.of("report.html", "report.en.html", "report.json")) {
        assertFalse(Files.readString(dir.resolve(file)).contains(hidden), "the knowledge office may not read the bid: " + hidden);
      }
    }
    assertFalse(Files.exists(dir.resolve("data")), "the knowledge base and graph are deleted");
  }

  @Test
  void seedArticles_joinAsTheKnowledgeOfficesReadingList(@TempDir Path dir) throws IOException {
    Path seeds = Files.createDirectories(dir.resolve("seeds"));
    Files.writeString(seeds.resolve("000_abc.txt"), "如何解决知识和业务两张皮\n知识管理要融入业务流程。", StandardCharsets.UTF_8);
    Files.writeString(seeds.resolve("001_def.txt"), "Knowledge management that pays\nMeasure reuse.", StandardCharsets.UTF_8);
    String out = run(dir.resolve("out"), Optional.of(seeds));
    assertTrue(out.contains("and 2 knowledge-management articles from"), out);
    assertTrue(out.substring(out.indexOf("\"知识管理 两张皮\"")).lines().skip(1).findFirst().orElseThrow().contains("seed-000"), out);
    assertFalse(out.substring(out.indexOf("== 5."), out.indexOf("== 6.")).contains("seed-"), "not in the sales pushes");
  }

  private static String run(Path dir, Optional<Path> seeds) throws IOException {
    Files.createDirectories(dir);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Path html = Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir, seeds);
    assertEquals(dir.resolve("report.html"), html);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String line(String out, String start) {
    return out.lines().map(String::strip).filter(l -> l.startsWith(start)).findFirst()
        .orElseThrow(() -> new AssertionError("no line starts with " + start + ":\n" + out));
  }
}
