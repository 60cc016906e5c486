package io.zhiku.solr.internal;

import io.zhiku.core.UnavailableException;
import io.zhiku.core.ZhikuException;
import java.io.IOException;
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
   * leader, 504, or SolrJ's 510 when no live node holds the collection), else a {@link ZhikuException}.
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
            || s.code() == 504 || s.code() == SolrException.ErrorCode.INVALID_STATE.code);
    return retryable ? new UnavailableException(message, e) : new ZhikuException(message, e);
  }
}
