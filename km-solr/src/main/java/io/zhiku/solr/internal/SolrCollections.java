package io.zhiku.solr.internal;

import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.internal.Checks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.util.ContentStreamBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a SolrCloud cluster up for Zhiku: uploads the configset shipped in this jar and creates a
 * collection on it, idempotently (a collection that exists is left as it is). Work in progress for the
 * SolrCloud engine (issue 19): not an API yet.
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
   * @throws ZhikuException if the cluster refuses or cannot be reached
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
      throw new ZhikuException("could not set up the collection " + collection + " on configset " + configName + ": "
          + e.getClass().getSimpleName(), e);
    }
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
