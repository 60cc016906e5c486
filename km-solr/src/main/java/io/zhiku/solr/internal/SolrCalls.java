package io.zhiku.solr.internal;

import io.zhiku.core.StorageException;
import io.zhiku.core.UnavailableException;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.response.UpdateResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.params.ShardParams;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.common.util.NamedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls to a collection and what their failures become. Stateless. */
final class SolrCalls {
  private static final Logger LOG = LoggerFactory.getLogger(SolrCalls.class);
  private SolrCalls() {}

  /**
   * A query, sent as a POST so that long parameter lists (filters, terms) fit.
   *
   * @param client the client
   * @param collection the collection
   * @param params the request
   * @param what what the call does, for the exception's message ("search items")
   * @return the response
   * @throws StorageException as {@link #failure}
   */
  static QueryResponse query(SolrClient client, String collection, SolrParams params, String what) {
    try {
      return client.query(collection, params, SolrRequest.METHOD.POST);
    } catch (SolrServerException | IOException | SolrException e) {
      throw failure(collection, what, e);
    }
  }

  /**
   * Walks a query's pages with Solr's cursor marks (its sort must end on the id), handing each page to
   * {@code page}, until the pages run out (a page shorter than {@code rows}, or the same cursor mark again) or
   * {@code page} says to stop.
   *
   * @param client the client
   * @param collection the collection
   * @param params the query, with {@code rows} set; its cursor mark is set here
   * @param what what the call does, for the exception's message
   * @param page receives each page; returns whether to read the next
   * @throws StorageException as {@link #failure}
   */
  static void pages(SolrClient client, String collection, ModifiableSolrParams params, String what,
      Predicate<QueryResponse> page) {
    int rows = params.getInt("rows");
    String cursor = CursorMarkParams.CURSOR_MARK_START;
    while (true) {
      params.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
      QueryResponse response = query(client, collection, params, what);
      String next = response.getNextCursorMark();
      if (!page.test(response) || response.getResults().size() < rows || next == null || next.equals(cursor)) {
        return;
      }
      cursor = next;
    }
  }

  /**
   * The exception for a failed request: {@link UnavailableException} (retry it) when the cluster could not
   * be reached or could not serve it for now (no connection, a timeout, HTTP 503 while a shard has no
   * leader, 504, SolrJ's 510 when no live node holds the collection, or an error whose message says the node
   * lost ZooKeeper or a leader: a leader that cannot record a replica's failure in ZooKeeper answers 500
   * "Error while saving shard term"), else a {@link StorageException}.
   * Solr's message is kept; it never holds credentials (they travel in a header).
   *
   * @param collection the collection
   * @param what what the call did
   * @param e what SolrJ threw
   * @return the exception to throw
   */
  static StorageException failure(String collection, String what, Exception e) {
    String message = "the collection " + collection + " could not " + what + ": " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage());
    boolean retryable = e instanceof SolrServerException || e instanceof IOException
        || e instanceof SolrException s && (s.code() == SolrException.ErrorCode.SERVICE_UNAVAILABLE.code
            || s.code() == 504 || s.code() == SolrException.ErrorCode.INVALID_STATE.code || transientMessage(s.getMessage()));
    return retryable ? new UnavailableException(message, e) : new StorageException(message, e);
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
   * {@link StorageException}.
   *
   * @param collection the collection
   * @param what what was refused ({@code item "a"})
   * @param message Solr's message
   * @return the exception
   */
  static StorageException refusal(String collection, String what, String message) {
    String text = "the collection " + collection + " refused " + what + ": " + message;
    return transientMessage(message) ? new UnavailableException(text, null)
        : new StorageException(text, null);
  }

  /**
   * The stored documents of some ids, read in real time from the shards' leaders (from the update log:
   * what was acknowledged, committed or not), in one POST: {@code SolrClient.getById} sends the ids in the URL, which a node
   * refuses past about 8 KB (a few hundred ids). Ids are tokens, so a comma separates them safely.
   *
   * @param client the client
   * @param collection the collection
   * @param ids the ids
   * @param fields the fields to read ({@code fl})
   * @param what what the call does, for the exception's message
   * @return the documents found, by id
   * @throws StorageException as {@link #failure}
   */
  static Map<String, SolrDocument> realTime(SolrClient client, String collection, Collection<String> ids, String fields,
      String what) {
    Map<String, SolrDocument> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set("ids", String.join(",", ids));
    params.set("fl", fields);
    // From each shard's leader: a write is acknowledged once its leader holds it, while a replica may be
    // behind (recovering, or buffering its updates while the cluster state still says active, as after a
    // ZooKeeper outage). The client then sends the call to a leader, and a node never answers it alone
    // from its own replica.
    params.set(ShardParams.SHARDS_PREFERENCE, ShardParams.SHARDS_PREFERENCE_REPLICA_LEADER + ":true");
    params.set("shortCircuit", false);
    QueryRequest request = new QueryRequest(params, SolrRequest.METHOD.POST);
    request.setPath("/get");
    try {
      Object docs = request.process(client, collection).getResponse().get("response");
      if (docs instanceof SolrDocumentList list) {
        list.forEach(d -> out.put((String) d.getFieldValue("id"), d));
      }
      return out;
    } catch (SolrServerException | IOException | SolrException e) {
      throw failure(collection, what, e);
    }
  }

  /**
   * Sends an update.
   *
   * @param client the client
   * @param collection the collection
   * @param request the update
   * @param what what the call does, for the exception's message
   * @return the response; documents the tolerant processor refused are in {@link #refused}
   * @throws StorageException as {@link #failure}
   */
  static UpdateResponse update(SolrClient client, String collection, UpdateRequest request, String what) {
    try {
      return request.process(client, collection);
    } catch (SolrServerException | IOException | SolrException e) {
      throw failure(collection, what, e);
    }
  }

  /**
   * A soft commit, waiting for the new searchers: what was written becomes searchable.
   *
   * @param client the client
   * @param collection the collection
   * @param what what the call does, for the exception's message
   * @throws StorageException as {@link #failure}
   */
  static void softCommit(SolrClient client, String collection, String what) {
    try {
      client.commit(collection, true, true, true);
    } catch (SolrServerException | IOException | SolrException e) {
      throw failure(collection, what, e);
    }
  }

  /**
   * The documents of an update that the tolerant processor reports as refused.
   *
   * @param response the update's response
   * @return each refused document's id and Solr's message, in the order reported
   */
  static Map<String, String> refused(UpdateResponse response) {
    Map<String, String> out = new LinkedHashMap<>();
    Object errors = response.getResponseHeader() == null ? null : response.getResponseHeader().get("errors");
    if (errors instanceof List<?> list) {
      for (Object e : list) {
        Object id = field(e, "id");
        if (id != null) {
          out.put(id.toString(), String.valueOf(field(e, "message")));
        }
      }
    }
    return out;
  }

  private static Object field(Object entry, String name) {
    if (entry instanceof NamedList<?> n) {
      return n.get(name);
    }
    return entry instanceof Map<?, ?> m ? m.get(name) : null;
  }

  /**
   * Closes a client an engine object owns; a failure is only logged (the object is closed either way).
   *
   * @param client the client
   * @param collection the collection it served, for the log
   */
  static void closeQuietly(SolrClient client, String collection) {
    try {
      client.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("the client of collection {} did not close cleanly: {}", collection, e.toString());
    }
  }
}
