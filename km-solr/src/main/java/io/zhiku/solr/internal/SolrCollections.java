package io.zhiku.solr.internal;

import io.zhiku.core.UnavailableException;
import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.internal.Checks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.util.ContentStreamBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a SolrCloud cluster up for Zhiku: uploads the configset shipped in this jar and creates a
 * collection on it, idempotently (a collection that exists is left as it is). Internal: hosts call {@link
 * io.zhiku.solr.SolrSetup} or let the engine create what is missing.
 *
 * <p>Stateless and thread-safe; the cluster serialises concurrent creations of one collection.
 */
public final class SolrCollections {
  private static final Logger LOG = LoggerFactory.getLogger(SolrCollections.class);
  /** Where the configset's files are, on the class path. */
  static final String CONFIGSET = "io/zhiku/solr/configset/conf/";
  /** The configset's files. */
  static final List<String> FILES = List.of("solrconfig.xml", "schema.xml");
  /** The most shards or replicas per shard a collection is created with. */
  public static final int MAX_SHARDS = 256;

  private SolrCollections() {}

  /**
   * Uploads Zhiku's configset under a name (replacing a configset of that name) and creates the
   * collection on it unless it exists.
   *
   * @param client a client of the cluster (a {@code CloudSolrClient}, or any node's client)
   * @param configName the configset's name in the cluster
   * @param collection the collection's name
   * @param shards how many shards, 1 to {@value #MAX_SHARDS}
   * @param replicas how many replicas of each shard (NRT), 1 to {@value #MAX_SHARDS}
   * @return whether the collection was created now ({@code false}: it existed)
   * @throws ValidationException if a name is not a token or a count is out of range
   * @throws ZhikuException if the cluster refuses or cannot be reached ({@link UnavailableException} if it may
   *     succeed later)
   */
  public static boolean ensure(SolrClient client, String configName, String collection, int shards, int replicas) {
    Checks.present("client", client);
    Checks.token("configName", configName);
    Checks.token("collection", collection);
    count("shards", shards);
    count("replicas", replicas);
    try {
      new ConfigSetAdminRequest.Upload().setConfigSetName(configName).setOverwrite(true)
          .setUploadStream(new ContentStreamBase.ByteArrayStream(configsetZip(), configName + ".zip", "application/zip"))
          .process(client);
      if (CollectionAdminRequest.listCollections(client).contains(collection)) {
        LOG.info("collection {} exists; left as it is", collection);
        return false;
      }
      CollectionAdminRequest.createCollection(collection, configName, shards, replicas).process(client);
      LOG.info("collection {} created on configset {}: {} shards, {} replicas each", collection, configName, shards, replicas);
      return true;
    } catch (SolrServerException | IOException | SolrException e) {
      throw SolrCalls.failure(collection, "be set up on configset " + configName, e);
    }
  }

  /**
   * Whether a collection exists.
   *
   * @param client a client of the cluster
   * @param collection the collection
   * @return whether it exists
   * @throws ZhikuException if the cluster cannot be reached
   */
  public static boolean exists(SolrClient client, String collection) {
    try {
      return CollectionAdminRequest.listCollections(client).contains(collection);
    } catch (SolrServerException | IOException | SolrException e) {
      throw SolrCalls.failure(collection, "be listed", e);
    }
  }

  /**
   * Waits until every replica of a collection is active on a live node.
   *
   * @param client a client of the cluster
   * @param collection the collection
   * @param timeout how long to wait at most
   * @throws UnavailableException if some replica is still not active then
   */
  public static void awaitActive(CloudSolrClient client, String collection, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String waiting;
      try {
        DocCollection state = client.getClusterStateProvider().getCollection(collection);
        Set<String> live = client.getClusterStateProvider().getLiveNodes();
        waiting = state == null ? "the collection"
            : state.getReplicas().stream().filter(r -> !serving(r, live)).map(Replica::getName).findFirst().orElse(null);
      } catch (IOException | RuntimeException e) {
        waiting = e.getMessage();
      }
      if (waiting == null) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new UnavailableException("the collection " + collection + " is not active after " + timeout
            + " (waiting for " + waiting + ")", null);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnavailableException("interrupted while waiting for the collection " + collection, e);
      }
    }
  }

  /**
   * Whether a replica serves requests: active, on a live node.
   *
   * @param r the replica
   * @param live the live nodes' names
   * @return whether it serves
   */
  static boolean serving(Replica r, Set<String> live) {
    return r.getState() == Replica.State.ACTIVE && live.contains(r.getNodeName());
  }

  private static void count(String field, int n) {
    if (n < 1 || n > MAX_SHARDS) {
      throw new ValidationException(field, n, "must be between 1 and " + MAX_SHARDS);
    }
  }

  /**
   * The configset as a zip of its files, as the ConfigSets API takes it.
   *
   * @return the zip's bytes
   */
  static byte[] configsetZip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String file : FILES) {
        try (InputStream in = SolrCollections.class.getClassLoader().getResourceAsStream(CONFIGSET + file)) {
          if (in == null) {
            throw new IllegalStateException("the configset file " + CONFIGSET + file + " is missing from the jar");
          }
          zip.putNextEntry(new ZipEntry(file));
          in.transferTo(zip);
          zip.closeEntry();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
