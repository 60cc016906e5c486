package io.zhiku.solr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.testkit.Seeded;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.impl.InputStreamResponseParser;
import org.apache.solr.client.solrj.request.GenericSolrRequest;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Block scans read km-solr-node's columns handler: the rows it gives are the rows {@code /export} gives, over
 * several segments and shards, with missing values, several attributes and strings met again in later
 * segments; a collection without the handler falls back to {@code /export}; a bad request is refused with
 * the handler's reason.
 */
@Seeded
class SolrColumnScanTest {
  private static final List<String> FIELDS =
      List.of("ev_time", "ev_type", "ev_user", "ev_item", "ev_value", "ev_results", "ev_cattr");

  @RegisterExtension
  static final InProcessSolr SOLR = new InProcessSolr(1);

  /** A row as text, with the dense numbers checked against the ids they stand for. */
  private static Consumer<EventRow> collect(List<String> out, Map<String, Integer> users) {
    return row -> {
      Integer before = users.putIfAbsent(row.userId(), row.userNumber());
      assertEquals(before == null ? row.userNumber() : before, row.userNumber(), "one number per user");
      out.add(row.timeMillis() + " " + row.type() + " " + row.userId() + " " + row.itemId() + " " + row.value() + " "
          + row.resultCount() + " case=" + row.contextAttribute("case") + " industry=" + row.contextAttribute("industry"));
    };
  }

  @Test
  void columns_giveTheRowsOfExport_overSegmentsAndShards(Random random) throws Exception {
    String collection = SOLR.collection("columns-agree", 2, 1);
    Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
    try (SolrEventStore store = new SolrEventStore(SOLR.cluster().getSolrClient(), collection, Duration.ofSeconds(2));
        SolrEventExport export = new SolrEventExport(SOLR.cluster().getSolrClient(), collection)) {
      SolrColumnScan columns = new SolrColumnScan(export, collection);
      for (int batch = 0; batch < 5; batch++) { // each batch soft-committed apart: several segments
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          Principal p = Principal.of("u" + (batch * 3 + random.nextInt(6))); // ordinals differ between segments
          Instant at = t0.plusSeconds(random.nextInt(100_000));
          UsageEvent e = switch (random.nextInt(4)) {
            case 0 -> UsageEvent.ofSearch(at, p, "query " + i, random.nextInt(3), null);
            case 1 -> UsageEvent.ofRating(at, p, "i" + random.nextInt(30), 1 + random.nextInt(5));
            case 2 -> UsageEvent.ofItem(UsageEventType.of("case-opened"), at, p, null);
            default -> UsageEvent.ofItem(UsageEventType.VIEW, at, p, "i" + random.nextInt(30));
          };
          if (random.nextBoolean()) {
            WorkContext.Builder c = WorkContext.builder(p, at).attribute("industry", "industry" + random.nextInt(3));
            if (random.nextBoolean()) {
              c.attribute("case", "k" + random.nextInt(50));
            }
            e = e.withContext(c.build());
          }
          events.add(e);
        }
        store.append(events);
        SOLR.cluster().getSolrClient().commit(collection); // flushes a segment per batch
      }
      List<String> fromColumns = new ArrayList<>();
      List<String> fromExport = new ArrayList<>();
      Map<String, Integer> users = new HashMap<>();
      ModifiableSolrParams params = new ModifiableSolrParams();
      params.set("q", "*:*");
      params.add("fq", "-state:true");
      assertTrue(columns.scan(params, FIELDS, collect(fromColumns, users)), "the nodes have the handler");
      params = new ModifiableSolrParams();
      params.set("q", "*:*");
      params.add("fq", "-state:true");
      export.export(params, String.join(",", FIELDS), collect(fromExport, users));
      assertEquals(1000, fromColumns.size());
      assertEquals(fromExport.stream().sorted().toList(), fromColumns.stream().sorted().toList());

      ModifiableSolrParams filtered = new ModifiableSolrParams();
      filtered.set("q", "*:*");
      filtered.add("fq", "ev_type:search");
      List<String> searches = new ArrayList<>();
      assertTrue(columns.scan(filtered, List.of("ev_type", "ev_time", "ev_user"), row -> searches.add(row.type())));
      assertEquals(fromExport.stream().filter(r -> r.contains(" search ")).count(), searches.size(), "filters apply");
    }
  }

  @Test
  void aCollectionWithoutTheHandler_fallsBackToExport() {
    String collection = SOLR.collection("columns-missing", 1, 1);
    try (SolrEventExport export = new SolrEventExport(SOLR.cluster().getSolrClient(), collection)) {
      SolrColumnScan columns = new SolrColumnScan(export, collection, "/no-such-handler");
      ModifiableSolrParams params = new ModifiableSolrParams();
      params.set("q", "*:*");
      assertFalse(columns.scan(params, List.of("ev_time"), row -> {
        throw new AssertionError("no row");
      }), "the caller is told to use /export");
    }
  }

  @Test
  void aBadRequest_isRefusedWithTheHandlersReason() throws Exception {
    String collection = SOLR.collection("columns-bad", 1, 1);
    GenericSolrRequest request = new GenericSolrRequest(SolrRequest.METHOD.POST, SolrColumnScan.COLUMNS_PATH,
        new ModifiableSolrParams().set("q", "*:*").set("fl", "ev_time,json")).setRequiresCollection(true);
    request.setResponseParser(new InputStreamResponseParser("json"));
    NamedList<Object> response = SOLR.cluster().getSolrClient().request(request, collection);
    try (InputStream in = (InputStream) response.get(InputStreamResponseParser.STREAM_KEY)) {
      assertEquals(400, response.get(InputStreamResponseParser.HTTP_STATUS_KEY));
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(answer.contains("fl: json is not a field with docValues"), answer);
    }
    try (SolrEventExport export = new SolrEventExport(SOLR.cluster().getSolrClient(), collection)) {
      ModifiableSolrParams params = new ModifiableSolrParams();
      params.set("q", "{!lucene}ev_time:[");
      SolrColumnScan columns = new SolrColumnScan(export, collection);
      ZhikuException e = assertThrows(ZhikuException.class, () -> columns.scan(params, List.of("ev_time"), row -> {}));
      assertTrue(e.getMessage().contains(collection) && e.getMessage().contains("HTTP 400"), e.getMessage());
    }
  }
}
