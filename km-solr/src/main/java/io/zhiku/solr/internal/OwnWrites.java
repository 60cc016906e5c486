package io.zhiku.solr.internal;

import io.zhiku.core.ZhikuException;
import org.apache.solr.client.solrj.SolrClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one engine object (the item index, the event store) writes to its collection: made searchable by a
 * soft commit only if it wrote since the last one (other instances' writes are made searchable by the
 * cluster's autoSoftCommit), and, at close, made searchable at once and the client closed if the object
 * owns it. Thread-safe.
 */
final class OwnWrites {
  private static final Logger LOG = LoggerFactory.getLogger(OwnWrites.class);

  private final SolrClient client;
  private final String collection;
  private final boolean ownsClient;
  /** What the writes are, for messages ("items", "events"). */
  private final String what;
  /** Whether the object wrote since its last soft commit. */
  private volatile boolean dirty;

  /**
   * @param client the client
   * @param collection the collection
   * @param ownsClient whether {@link #close()} closes the client
   * @param what what the writes are, for messages
   */
  OwnWrites(SolrClient client, String collection, boolean ownsClient, String what) {
    this.client = client;
    this.collection = collection;
    this.ownsClient = ownsClient;
    this.what = what;
  }

  /** Notes a write (acknowledged, or perhaps partly applied). */
  void wrote() {
    dirty = true;
  }

  /**
   * A soft commit, if there was a write since the last one.
   *
   * @throws ZhikuException if the cluster refuses it (the next refresh tries again)
   */
  void refresh() {
    if (!dirty) {
      return;
    }
    dirty = false;
    try {
      SolrCalls.softCommit(client, collection, "make its " + what + " visible");
    } catch (ZhikuException e) {
      dirty = true;
      throw e;
    }
  }

  /**
   * Makes the writes searchable (they would be within the soft-commit interval anyway, so a cluster that
   * cannot take the commit now is only logged), runs {@code release}, and closes the client if owned.
   *
   * @param release what the object releases itself
   */
  void close(Runnable release) {
    try {
      refresh();
    } catch (ZhikuException e) {
      LOG.warn("closing: the collection {} did not make the last {} searchable now; its soft commit will: {}",
          collection, what, e.getMessage());
    } finally {
      try {
        release.run();
      } finally {
        if (ownsClient) {
          SolrCalls.closeQuietly(client, collection);
        }
      }
    }
  }
}
