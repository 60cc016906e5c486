package io.zhiku.solr.internal;

import io.zhiku.core.UnavailableException;
import io.zhiku.core.ZhikuException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.SolrParams;

/** Calls to a collection and what their failures become. Stateless. */
final class SolrCalls {
  private SolrCalls() {}

  /**
   * A query, sent as a POST so that long parameter lists (filters, terms) fit.
   *
   * @param client the client
   * @param collection the collection
   * @param params the request
   * @param what what the call does, for the exception's message ("search items")
   * @return the response
   * @throws ZhikuException as {@link #failure}
   */
  static QueryResponse query(SolrClient client, String collection, SolrParams params, String what) {
    try {
      return client.query(collection, params, SolrRequest.METHOD.POST);
    } catch (SolrServerException | IOException | SolrException e) {
      throw failure(collection, what, e);
    }
  }

  /**
   * The exception for a failed request: {@link UnavailableException} (retry it) when the cluster could not
   * be reached or could not serve it for now (no connection, a timeout, HTTP 503 while a shard has no
   * leader, 504, SolrJ's 510 when no live node holds the collection, or an error whose message says the node
   * lost ZooKeeper or a leader: a leader that cannot record a replica's failure in ZooKeeper answers 500
   * "Error while saving shard term"), else a {@link ZhikuException}.
   * Solr's message is kept; it never holds credentials (they travel in a header).
   *
   * @param collection the collection
   * @param what what the call did
   * @param e what SolrJ threw
   * @return the exception to throw
   */
  static ZhikuException failure(String collection, String what, Exception e) {
    String message = "the collection " + collection + " could not " + what + ": " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage());
    boolean retryable = e instanceof SolrServerException || e instanceof IOException
        || e instanceof SolrException s && (s.code() == SolrException.ErrorCode.SERVICE_UNAVAILABLE.code
            || s.code() == 504 || s.code() == SolrException.ErrorCode.INVALID_STATE.code || transientMessage(s.getMessage()));
    return retryable ? new UnavailableException(message, e) : new ZhikuException(message, e);
  }

  /** What a node says when it cannot take a request for now: its ZooKeeper session or its shard's leader is gone. */
  private static final List<String> TRANSIENT_MESSAGES =
      List.of("zookeeper", "updates are disabled", "shard term", "leader", "service unavailable");

  private static boolean transientMessage(String message) {
    String lower = String.valueOf(message).toLowerCase(Locale.ROOT);
    return TRANSIENT_MESSAGES.stream().anyMatch(lower::contains);
  }

  /**
   * The exception for one document of a batch that the cluster refused for a reason other than a version
   * conflict (the tolerant processor reports a message, no status): {@link UnavailableException} when the
   * message says the node could not take it for now (no ZooKeeper session, no shard leader), else a
   * {@link ZhikuException}.
   *
   * @param collection the collection
   * @param what what was refused ({@code item "a"})
   * @param message Solr's message
   * @return the exception
   */
  static ZhikuException refusal(String collection, String what, String message) {
    String text = "the collection " + collection + " refused " + what + ": " + message;
    return transientMessage(message) ? new UnavailableException(text, null)
        : new ZhikuException(text);
  }
}
