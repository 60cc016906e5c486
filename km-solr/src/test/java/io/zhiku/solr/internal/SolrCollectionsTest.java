package io.zhiku.solr.internal;

import io.zhiku.core.ValidationException;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.cloud.SolrCloudTestCase;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The configset and its setup on an in-process SolrCloud (two nodes, ZooKeeper in the JVM; one cluster
 * for the class): the collection is created once, and Zhiku's item versions are compare-and-set on the
 * shard leaders, readable at once by id without a commit, with deletes leaving a tombstone.
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
    assertEquals(2L, stored.getFieldValue("zhiku_version"));
    UpdateRequest delete = new UpdateRequest();
    delete.deleteById("a");
    delete.setParam("zhiku_version", "3");
    delete.process(client, ITEMS);
    SolrDocument tombstone = client.getById(ITEMS, "a");
    assertEquals(3L, tombstone.getFieldValue("zhiku_version"));
    assertEquals(true, tombstone.getFieldValue("deleted"));
    assertConflict(() -> client.add(ITEMS, item("a", 3)), "a write based on the deleted version loses");
    client.add(ITEMS, item("a", 4));
    assertEquals(4L, client.getById(ITEMS, "a").getFieldValue("zhiku_version"));
  }

  private static SolrInputDocument item(String id, long version) {
    SolrInputDocument d = new SolrInputDocument();
    d.addField("id", id);
    d.addField("zhiku_version", version);
    d.addField("json", "{\"id\":\"" + id + "\"}");
    return d;
  }

  private static void assertConflict(ThrowingRunnable write, String why) {
    SolrException e = expectThrows(SolrException.class, write); // routed through the shard leader: a RouteException
    assertEquals(why + ": " + e.getMessage(), 409, e.code());
  }
}
