package io.zhiku.solr;

import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.internal.Checks;
import io.zhiku.solr.internal.SolrCollections;
import java.io.IOException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;

/**
 * Sets a SolrCloud cluster up for the {@code solr} engine, once, from a deployment script or an admin
 * tool: uploads Zhiku's configset (shipped in this jar, replacing a configset of that name) and creates the
 * items and events collections of a layout unless they exist. Needs the cluster's admin rights (the
 * ConfigSets and Collections APIs); application servers then open with {@link SolrLayout#existingOnly()}.
 *
 * <p>Stateless and thread-safe; the cluster serialises concurrent creations of one collection.
 */
public final class SolrSetup {
  private SolrSetup() {}

  /**
   * Uploads the configset and creates the layout's collections unless they exist, then waits until every
   * replica of both is active (at most the connection's request timeout).
   *
   * @param connection how to reach the cluster
   * @param layout the collections and their sizes ({@link SolrLayout#createMissing()} is not read)
   * @return how many collections were created now (0 to 2)
   * @throws ValidationException if an argument is missing
   * @throws ZhikuException if the cluster refuses or cannot be reached ({@link io.zhiku.core.UnavailableException}
   *     if it may succeed later)
   */
  public static int ensure(SolrConnection connection, SolrLayout layout) {
    Checks.present("connection", connection);
    Checks.present("layout", layout);
    try (CloudSolrClient client = connection.client()) {
      int created = 0;
      for (String collection : new String[] {layout.items(), layout.events()}) {
        if (SolrCollections.ensure(client, layout.configName(), collection, layout.shards(), layout.replicas())) {
          created++;
        }
        SolrCollections.awaitActive(client, collection, connection.requestTimeout());
      }
      return created;
    } catch (IOException e) {
      throw new ZhikuException("could not close the client of " + connection + ": " + e.getMessage(), e);
    }
  }
}
