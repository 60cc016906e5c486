package io.zhiku.solr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.solr.SolrConnection;
import io.zhiku.solr.SolrLayout;
import io.zhiku.solr.SolrSetup;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two JVMs, one knowledge base: this test's JVM and a second one ({@link OtherProcess}, started with this
 * JVM's class path) open the engine {@code solr} on one in-process cluster, as two application servers
 * would, and increment one counter item with expected versions at the same time: no increment is lost.
 * Each then finds the other's items by id and by search, and the other's usage events in its counts.
 */
class SolrTwoProcessTest {
  private static final int INCREMENTS = 40;

  @RegisterExtension
  static final InProcessSolr SOLR = new InProcessSolr(2);

  @Test
  void twoJvmsOnOneCluster_loseNoUpdate_andSeeEachOthersItemsAndEvents() throws Exception {
    String zkHost = SOLR.cluster().getZkServer().getZkHost();
    SolrConnection connection = SolrConnection.zooKeeper(List.of(zkHost), "/solr");
    SolrLayout layout = SolrLayout.named("twojvm").withSize(2, 1);
    SolrSetup.ensure(connection, layout);
    try (KnowledgeBase kb = KnowledgeBase.builder().engine("solr").engineOption(connection)
        .engineOption(layout.existingOnly()).refreshInterval(Duration.ofSeconds(1)).build()) {
      kb.put(KnowledgeItem.builder(OtherProcess.COUNTER, ItemKind.FAQ, "Counter").body("0").acl(Acl.PUBLIC).build());
      Path log = Files.createTempFile("zhiku-other-process", ".log");
      Process other = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
          "-Djava.security.egd=file:/dev/./urandom", "-cp", System.getProperty("java.class.path"),
          OtherProcess.class.getName(), zkHost, "/solr", "twojvm", "other", Integer.toString(INCREMENTS))
          .redirectError(log.toFile()).start();
      List<String> said = new ArrayList<>();
      int mine;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null && !line.equals("ready"); line = out.readLine()) {
          said.add(line);
        }
        mine = OtherProcess.increment(kb, INCREMENTS); // while the other JVM does the same
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          said.add(line);
        }
      }
      assertTrue(other.waitFor(2, TimeUnit.MINUTES), "the other JVM ends");
      assertEquals(0, other.exitValue(), "the other JVM's log: " + log);
      assertTrue(said.contains("done"), "the other JVM's output: " + said);
      Files.deleteIfExists(log);
      assertEquals(Integer.toString(2 * INCREMENTS), kb.get(OtherProcess.COUNTER).orElseThrow().body(),
          "every increment of both JVMs (conflicts here: " + mine + ", there: " + said + ")");

      List<String> theirs = IntStream.range(0, 20).mapToObj(i -> "other-" + i).toList();
      assertTrue(theirs.stream().allMatch(id -> kb.get(id).isPresent()), "read by id at once");
      Principal reader = Principal.of("reader", List.of(), List.of());
      EventQuery theirEvents = EventQuery.builder().items(theirs.toArray(String[]::new)).build();
      long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
      while (System.nanoTime() < deadline && (kb.events().count(theirEvents) < 20
          || kb.search(SearchRequest.builder(reader).text("written other").build()).totalHits() < 20)) {
        Thread.sleep(200);
        kb.refresh();
      }
      assertEquals(20, kb.search(SearchRequest.builder(reader).text("written other").build()).totalHits(), "searched");
      assertEquals(20, kb.events().count(theirEvents), "their events, once the feed's window has passed");
      assertEquals(1 + 20, kb.catalog().size(), "the catalog follows the other JVM's writes: the counter and its 20 items");
    }
  }
}
