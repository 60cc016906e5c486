package io.zhiku.solr.internal;

import io.zhiku.core.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.UpdateResponse;
import org.apache.solr.cloud.SolrCloudTestCase;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The configset and its setup on an in-process SolrCloud (two nodes, ZooKeeper in the JVM; one cluster
 * for the class): the collection is created once, and Zhiku's item versions are compare-and-set on the
 * shard leaders, readable at once by id without a commit, with deletes leaving a tombstone; a refused
 * document of a batch is reported by id and the others are applied.
 */
public class SolrCollectionsTest extends SolrCloudTestCase {
  private static final String ITEMS = "items";

  @BeforeClass
  public static void startCluster() throws Exception {
    configureCluster(2).configure();
    assertTrue("created the first time", SolrCollections.ensure(cluster.getSolrClient(), "zhiku", ITEMS, 2, 2));
    cluster.waitForActiveCollection(ITEMS, 2, 4);
  }

  @Test
  public void ensure_isIdempotent_andChecksItsArguments() {
    assertFalse("left as it is the second time", SolrCollections.ensure(cluster.getSolrClient(), "zhiku", ITEMS, 2, 2));
    expectThrows(ValidationException.class, () -> SolrCollections.ensure(cluster.getSolrClient(), "zhiku", "Items!", 1, 1));
    expectThrows(ValidationException.class, () -> SolrCollections.ensure(cluster.getSolrClient(), "zhiku", ITEMS, 0, 1));
    expectThrows(ValidationException.class, () -> SolrCollections.ensure(cluster.getSolrClient(), "zhiku", ITEMS, 1, 257));
  }

  @Test
  public void itemVersions_areCompareAndSet_realTime_andDeletesLeaveATombstone() throws Exception {
    SolrClient client = cluster.getSolrClient();
    client.add(ITEMS, item("a", 1));
    assertConflict(() -> client.add(ITEMS, item("a", 1)), "a second writer of version 1 loses");
    client.add(ITEMS, item("a", 2));
    assertConflict(() -> client.add(ITEMS, item("a", 1)), "an older version never overwrites a newer one");
    // Real-time get reads the update log: no commit has made version 2 searchable yet.
    SolrDocument stored = client.getById(ITEMS, "a");
    assertEquals(2L, stored.getFieldValue("zhiku_rev"));
    UpdateRequest delete = new UpdateRequest();
    delete.deleteById("a");
    delete.setParam("zhiku_rev", "3");
    delete.process(client, ITEMS);
    SolrDocument tombstone = client.getById(ITEMS, "a");
    assertEquals(3L, tombstone.getFieldValue("zhiku_rev"));
    assertEquals(true, tombstone.getFieldValue("deleted"));
    assertConflict(() -> client.add(ITEMS, item("a", 3)), "a write based on the deleted version loses");
    client.add(ITEMS, item("a", 4));
    assertEquals(4L, client.getById(ITEMS, "a").getFieldValue("zhiku_rev"));
    // In a batch, a refused document does not stop the others (they may live on other shards anyway).
    assertConflict(() -> client.add(ITEMS, List.of(item("b", 1), item("a", 4), item("c", 1))), "a stale document in a batch");
    assertEquals(1L, client.getById(ITEMS, "b").getFieldValue("zhiku_rev"));
    assertEquals(1L, client.getById(ITEMS, "c").getFieldValue("zhiku_rev"));
  }

  private static SolrInputDocument item(String id, long version) {
    SolrInputDocument d = new SolrInputDocument();
    d.addField("id", id);
    d.addField("zhiku_rev", version);
    d.addField("json", "{\"id\":\"" + id + "\"}");
    return d;
  }

  /**
   * The write is refused, and the tolerant processor reports it by id (it does not fail the request, so
   * that the other documents of a batch are still applied).
   */
  private static void assertConflict(Write write, String why) throws Exception {
    Map<String, String> refused = SolrCalls.refused(write.run());
    assertEquals(why, Set.of("a"), refused.keySet());
  }

  /** An update. */
  private interface Write {
    UpdateResponse run() throws Exception;
  }
}
