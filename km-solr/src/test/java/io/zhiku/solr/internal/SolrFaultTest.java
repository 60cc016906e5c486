package io.zhiku.solr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.UnavailableException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.embedded.JettySolrRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults on an in-process cluster (two nodes, one shard with a replica on each): a node stopped while a
 * knowledge base writes and reads loses no acknowledged write, reads go on, and the node, started again,
 * catches up; with every node of the shard down, writes and reads are refused with the retryable {@link
 * UnavailableException}, and succeed again once the nodes are back.
 */
class SolrFaultTest {
  private static final String COLLECTION = "faults";

  @RegisterExtension
  static final InProcessSolr SOLR = new InProcessSolr(2);

  @BeforeAll
  static void createCollection() {
    SOLR.collection(COLLECTION, 1, 2);
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
      for (int i = 50; i < 100; i++) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
          try {
            write(kb, i, i + 1, acknowledged);
            break;
          } catch (UnavailableException e) {
            unavailable++;
            assertTrue(System.nanoTime() < deadline, "the remaining replica took over within 60 s");
            Thread.sleep(200);
          }
        }
      }
      for (String id : acknowledged) {
        assertTrue(kb.get(id).isPresent(), id + " was acknowledged and must be readable with one node down");
      }
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
      for (JettySolrRunner node : stopped) {
        SOLR.cluster().startJettySolrRunner(node);
      }
      SOLR.cluster().waitForActiveCollection(COLLECTION, 1, 2);
      write(kb, 1010, 1011, acknowledged); // the same write, retried
      for (String id : acknowledged) {
        assertTrue(kb.get(id).isPresent(), id);
      }
    }
  }

  private static KnowledgeBase open() {
    return KnowledgeBase.builder().engine(new ItemsOnSolr(SOLR.cluster().getSolrClient(), COLLECTION)).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).build();
  }

  private static DocCollection collection() throws Exception {
    return SOLR.cluster().getSolrClient().getClusterStateProvider().getCollection(COLLECTION);
  }

  private static void write(KnowledgeBase kb, int from, int to, List<String> acknowledged) {
    for (int i = from; i < to; i++) {
      String id = "item-" + i;
      kb.put(KnowledgeItem.builder(id, ItemKind.SOLUTION, "Item " + i).acl(Acl.PUBLIC).build());
      acknowledged.add(id);
    }
  }
}
