package io.zhiku.solr.internal;

import io.zhiku.core.UnavailableException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.json.ZhikuJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.io.SolrClientCache;
import org.apache.solr.client.solrj.io.Tuple;
import org.apache.solr.client.solrj.io.stream.SolrStream;
import org.apache.solr.client.solrj.io.stream.StreamContext;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * Reads the event rows of the events collection: every shard's {@code /export} streamed through SolrJ's
 * {@link SolrStream} as javabin tuples (much faster to read than JSON ones), one replica per shard (the
 * leader if it is active on a live node, else another that is), each tuple handed on as an {@link EventRow}
 * over its docValues columns. User and item ids get dense numbers, in the order scans first meet them, kept
 * while this object is open. Thread-safe; close it to release the HTTP clients of the shards.
 */
final class SolrEventExport implements AutoCloseable {
  private final CloudSolrClient client;
  private final String collection;
  private final SolrClientCache streams;
  /** Dense numbers of user and item ids, shared with {@link SolrColumnScan} so both scans number alike. */
  final Numbers users = new Numbers();
  final Numbers items = new Numbers();

  /**
   * @param client a client of the cluster; each shard is reached through its HTTP client (credentials
   *     included) when it is a {@link CloudHttp2SolrClient}
   * @param collection the events collection
   */
  SolrEventExport(CloudSolrClient client, String collection) {
    this.client = client;
    this.collection = collection;
    this.streams = client instanceof CloudHttp2SolrClient http2 ? new SolrClientCache(http2.getHttpClient())
        : new SolrClientCache();
  }

  /**
   * Streams the rows of a query from every shard, on the calling thread.
   *
   * @param params the query and its filters ({@code q}, {@code fq})
   * @param fields the docValues columns to read ({@code fl})
   * @param visitor receives each row, valid during the call only
   * @throws ZhikuException if a shard fails ({@link UnavailableException} if none of its replicas serves)
   */
  void export(ModifiableSolrParams params, String fields, Consumer<EventRow> visitor) {
    params.set("fl", fields);
    params.set("sort", "ev_seq asc");
    params.set("qt", "/export");
    params.set("distrib", "false");
    params.set("wt", "javabin");
    StreamContext context = new StreamContext();
    context.setSolrClientCache(streams);
    TupleRow row = new TupleRow();
    for (String url : shardUrls()) {
      SolrStream stream = new SolrStream(url, params);
      stream.setStreamContext(context);
      try {
        stream.open();
        for (Tuple t = stream.read(); !t.EOF; t = stream.read()) {
          if (t.EXCEPTION) {
            throw SolrCalls.refusal(collection, "an event scan", t.getException());
          }
          row.tuple = t;
          visitor.accept(row);
        }
      } catch (IOException e) {
        throw SolrCalls.failure(collection, "scan events", e);
      } finally {
        try {
          stream.close();
        } catch (IOException e) {
          // the scan's result (or failure) stands; the connection is the client's to recycle
        }
      }
    }
  }

  /** A core of each shard to export from: the leader if it serves, else another replica that does. */
  private List<String> shardUrls() {
    return shardReplicas().stream().map(Replica::getCoreUrl).toList();
  }

  /** A replica of each shard to read from: the leader if it serves, else another replica that does. */
  List<Replica> shardReplicas() {
    DocCollection state;
    Set<String> live;
    try {
      state = client.getClusterStateProvider().getCollection(collection);
      live = client.getClusterStateProvider().getLiveNodes();
    } catch (IOException | RuntimeException e) {
      throw SolrCalls.failure(collection, "read the cluster's state", e);
    }
    if (state == null) {
      throw new ZhikuException("the collection " + collection + " does not exist");
    }
    List<Replica> replicas = new ArrayList<>();
    for (Slice slice : state.getActiveSlices()) {
      Replica leader = slice.getLeader();
      Replica chosen = leader != null && SolrCollections.serving(leader, live) ? leader
          : slice.getReplicas().stream().filter(r -> SolrCollections.serving(r, live)).findFirst().orElse(null);
      if (chosen == null) {
        throw new UnavailableException("the collection " + collection + " has no active replica of "
            + slice.getName() + " to scan events from", null);
      }
      replicas.add(chosen);
    }
    return replicas;
  }

  /**
   * @param replica a replica of {@link #shardReplicas}
   * @return the HTTP client of its node, with the cluster client's credentials
   */
  SolrClient node(Replica replica) {
    return streams.getHttpSolrClient(replica.getBaseUrl());
  }

  /** Releases the shards' HTTP clients. */
  @Override
  public void close() {
    streams.close();
  }

  /** Dense numbers for ids, in the order scans first meet them. Thread-safe. */
  static final class Numbers {
    private final Map<String, Integer> numbers = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    int of(String id) {
      Integer n = numbers.get(id);
      return n != null ? n : numbers.computeIfAbsent(id, k -> next.getAndIncrement());
    }
  }

  /** A row over the current tuple of a scan; valid during the visitor's call only. */
  private final class TupleRow implements EventRow {
    private Tuple tuple;

    /** A single-valued column, or {@code null} where the event has none. */
    private String text(String field) {
      Object v = tuple.get(field);
      return v == null ? null : v.toString();
    }

    /** A multi-valued column (a single value may come as itself), empty where the event has none. */
    private List<String> strings(String field) {
      Object v = tuple.get(field);
      if (v == null) {
        return List.of();
      }
      if (v instanceof Collection<?> c) {
        return c.stream().map(Object::toString).toList();
      }
      return List.of(v.toString());
    }

    @Override
    public long sequence() {
      return tuple.getLong("ev_seq");
    }

    @Override
    public long timeMillis() {
      return tuple.getLong("ev_time");
    }

    @Override
    public String type() {
      return text("ev_type");
    }

    @Override
    public String userId() {
      return text("ev_user");
    }

    @Override
    public int userNumber() {
      return users.of(userId());
    }

    @Override
    public String itemId() {
      return text("ev_item");
    }

    @Override
    public int itemNumber() {
      String item = itemId();
      return item == null ? -1 : items.of(item);
    }

    @Override
    public List<String> principalRoles() {
      return strings("ev_proles");
    }

    @Override
    public List<String> principalGroups() {
      return strings("ev_pgroups");
    }

    @Override
    public String contextRole() {
      return text("ev_crole");
    }

    @Override
    public String contextStage() {
      return text("ev_cstage");
    }

    @Override
    public String contextAttribute(String key) {
      for (String entry : strings("ev_cattr")) {
        String value = SolrEventStore.attributeValue(entry, key);
        if (value != null) {
          return value;
        }
      }
      return null;
    }

    @Override
    public double value() {
      return tuple.get("ev_value") instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    @Override
    public long resultCount() {
      return tuple.get("ev_results") instanceof Number n ? n.longValue() : -1;
    }

    /** Reads the event's JSON by id: a round trip to the cluster. */
    @Override
    public UsageEvent toEvent() {
      String id = text("id");
      SolrDocument d = SolrCalls.realTime(client, collection, List.of(id), "id,json", "read an event").get(id);
      if (d == null) {
        throw new ZhikuException("the event \"" + id + "\" of collection " + collection + " was deleted during the scan");
      }
      return ZhikuJson.read((String) d.getFieldValue("json"), UsageEvent.class);
    }
  }
}
