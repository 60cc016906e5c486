package io.zhiku.solr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.UnavailableException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.embedded.JettySolrRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults on an in-process cluster (two nodes; the items and the events each in one shard with a replica on
 * each node): a node stopped while a knowledge base writes, records events and reads loses no acknowledged
 * write or event, reads go on, and the node, started again, catches up; with every node down, writes,
 * recordings, reads and counts are refused with the retryable {@link UnavailableException}, and succeed
 * again once the nodes are back (a retried event with an id is stored once).
 */
class SolrFaultTest {
  private static final String COLLECTION = "faults";
  private static final String EVENTS = "faults-events";
  private static final String LAGGING = "faults-lagging";

  @RegisterExtension
  static final InProcessSolr SOLR = new InProcessSolr(2);

  @BeforeAll
  static void createCollection() {
    SOLR.collection(COLLECTION, 1, 2);
    SOLR.collection(EVENTS, 1, 2);
    SOLR.collection(LAGGING, 1, 2);
  }

  /**
   * Reads by id go to the shard's leader, which holds every acknowledged write, never to a replica that
   * may be behind it. Seen after a ZooKeeper outage: a replica buffering updates for a recovery that did
   * not start, its cluster state still {@code active}, answered real-time gets without the writes
   * acknowledged since. Here the replica differs from its leader the other way round (a document given to
   * it alone, as its leader would forward one), so that a read it answers shows.
   */
  @Test
  void readsById_goToTheShardLeader_notToAReplicaThatMayDiffer() throws Exception {
    DocCollection lagging = SOLR.cluster().getSolrClient().getClusterStateProvider().getCollection(LAGGING);
    Replica leader = lagging.getLeader("shard1");
    Replica follower = lagging.getReplicas().stream().filter(r -> !r.getName().equals(leader.getName()))
        .findFirst().orElseThrow();
    try (Http2SolrClient core = new Http2SolrClient.Builder(follower.getBaseUrl()).build()) {
      UpdateRequest forwarded = new UpdateRequest();
      SolrInputDocument doc = new SolrInputDocument("id", "on-the-replica-only");
      doc.setField("zhiku_rev", 1L);
      doc.setField("_version_", Long.MAX_VALUE / 2);
      forwarded.add(doc);
      forwarded.setParam("update.distrib", "FROMLEADER");
      forwarded.setParam("distrib.from", leader.getCoreUrl());
      forwarded.process(core, follower.getCoreName());
      SolrQuery own = new SolrQuery().setRequestHandler("/get");
      own.set("id", "on-the-replica-only");
      own.set("distrib", false);
      assertTrue(core.query(follower.getCoreName(), own).getResponse().get("doc") != null, "the replica holds it");
    }
    for (int i = 0; i < 20; i++) {
      assertEquals(Map.of(), SolrCalls.realTime(SOLR.cluster().getSolrClient(), LAGGING, List.of("on-the-replica-only"),
          "id", "read"), "read " + i + " was answered by the leader");
    }
  }

  @Test
  void aNodeStoppedDuringWrites_losesNoAcknowledgedWrite_andCatchesUpWhenStartedAgain() throws Exception {
    try (KnowledgeBase kb = open()) {
      List<String> acknowledged = new ArrayList<>();
      int unavailable = 0;
      write(kb, 0, 50, acknowledged);
      // Stop the shard leader's node: the other replica takes over (a write during the election would be
      // refused, retryably: a graceful stop hands leadership over first, so usually none is).
      Replica leader = collection().getLeader("shard1");
      JettySolrRunner stopped = SOLR.cluster().stopJettySolrRunner(SOLR.cluster().getReplicaJetty(leader));
      SOLR.cluster().waitForJettyToStop(stopped);
      List<String> recorded = new ArrayList<>();
      for (int i = 50; i < 100; i++) {
        int n = i;
        unavailable += retried(() -> write(kb, n, n + 1, acknowledged));
        unavailable += retried(() -> record(kb, n, recorded));
      }
      for (String id : acknowledged) {
        assertTrue(kb.get(id).isPresent(), id + " was acknowledged and must be readable with one node down");
      }
      kb.refresh();
      assertEquals(recorded.size(), kb.events().count(EventQuery.ALL), "every acknowledged event, once");
      // Started again, the node's replica recovers every write it missed.
      SOLR.cluster().startJettySolrRunner(stopped);
      SOLR.cluster().waitForActiveCollection(COLLECTION, 1, 2);
      kb.refresh();
      for (Replica r : collection().getSlice("shard1").getReplicas()) {
        try (Http2SolrClient core = new Http2SolrClient.Builder(r.getBaseUrl()).build()) {
          SolrQuery all = new SolrQuery("*:*").setRows(0);
          all.set("distrib", false);
          all.addFilterQuery("-state:true");
          core.commit(r.getCoreName(), true, true, true);
          assertEquals(acknowledged.size(), core.query(r.getCoreName(), all).getResults().getNumFound(),
              "replica " + r.getName() + " holds every acknowledged write (" + unavailable + " writes refused while the leader changed)");
        }
      }
    }
  }

  @Test
  void withEveryNodeOfAShardDown_aWriteIsRefusedRetryably_andSucceedsOnceTheNodesAreBack() throws Exception {
    try (KnowledgeBase kb = open()) {
      List<String> acknowledged = new ArrayList<>();
      write(kb, 1000, 1010, acknowledged);
      List<JettySolrRunner> stopped = new ArrayList<>();
      for (JettySolrRunner node : List.copyOf(SOLR.cluster().getJettySolrRunners())) {
        stopped.add(SOLR.cluster().stopJettySolrRunner(node));
        SOLR.cluster().waitForJettyToStop(node);
      }
      UnavailableException e = assertThrows(UnavailableException.class, () -> write(kb, 1010, 1011, acknowledged));
      assertTrue(e.getMessage().contains(COLLECTION), e.getMessage());
      assertThrows(UnavailableException.class, () -> kb.get("item-1000"), "reads are refused retryably too");
      List<String> recorded = new ArrayList<>();
      UnavailableException refusedEvent = assertThrows(UnavailableException.class, () -> record(kb, 1010, recorded));
      assertTrue(refusedEvent.getMessage().contains(EVENTS), refusedEvent.getMessage());
      assertThrows(UnavailableException.class, () -> kb.events().count(EventQuery.ALL), "counts too");
      for (JettySolrRunner node : stopped) {
        SOLR.cluster().startJettySolrRunner(node);
      }
      SOLR.cluster().waitForActiveCollection(COLLECTION, 1, 2);
      write(kb, 1010, 1011, acknowledged); // the same write, retried
      for (String id : acknowledged) {
        assertTrue(kb.get(id).isPresent(), id);
      }
      record(kb, 1010, recorded); // the same event, retried
      assertTrue(!kb.record(event(1010)), "stored once: its id is known");
      kb.refresh();
      assertEquals(1, kb.events().count(EventQuery.builder().items("item-1010").build()));
    }
  }

  private static KnowledgeBase open() {
    return KnowledgeBase.builder().engine(new ItemsOnSolr(SOLR.cluster().getSolrClient(), COLLECTION, EVENTS))
        .refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).build();
  }

  private static DocCollection collection() throws Exception {
    return SOLR.cluster().getSolrClient().getClusterStateProvider().getCollection(COLLECTION);
  }

  /** Runs a call until the cluster takes it (at most 60 s); returns how many times it was refused, retryably. */
  private static int retried(Runnable call) throws InterruptedException {
    int refused = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        call.run();
        return refused;
      } catch (UnavailableException e) {
        refused++;
        assertTrue(System.nanoTime() < deadline, "the remaining replica took over within 60 s");
        Thread.sleep(200);
      }
    }
  }

  private static UsageEvent event(int i) {
    return new UsageEvent("ev-" + i, UsageEventType.VIEW, Instant.parse("2026-12-01T00:00:00Z"),
        Principal.of("u", List.of(), List.of()), "item-" + i, null, null, null, null);
  }

  /** Records item {@code i}'s view, with an id, so that a retry stores it once. */
  private static void record(KnowledgeBase kb, int i, List<String> recorded) {
    kb.record(event(i));
    recorded.add("ev-" + i);
  }

  private static void write(KnowledgeBase kb, int from, int to, List<String> acknowledged) {
    for (int i = from; i < to; i++) {
      String id = "item-" + i;
      kb.put(KnowledgeItem.builder(id, ItemKind.SOLUTION, "Item " + i).acl(Acl.PUBLIC).build());
      acknowledged.add(id);
    }
  }
}
