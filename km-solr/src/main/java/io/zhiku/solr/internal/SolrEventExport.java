package io.zhiku.solr.internal;

import io.zhiku.core.UnavailableException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.json.ZhikuJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.InputStreamResponseParser;
import org.apache.solr.client.solrj.request.GenericSolrRequest;
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
import org.apache.solr.common.util.NamedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the event rows of the events collection: every shard's {@code /export} streamed through SolrJ's
 * {@link SolrStream} as javabin tuples (much faster to read than JSON ones), one replica per shard (the
 * leader if it is active on a live node, else another that is), each tuple handed on as an {@link EventRow}
 * over its docValues columns. User and item ids get dense numbers, in the order scans first meet them, kept
 * while this object is open. Thread-safe; close it to release the HTTP clients of the shards.
 */
final class SolrEventExport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SolrEventExport.class);
  /** The path of km-solr-node's columns handler in Zhiku's configset. */
  static final String COLUMNS_PATH = "/zhiku-columns";
  private final CloudSolrClient client;
  private final String collection;
  private final SolrClientCache streams;
  private final Numbers users = new Numbers();
  private final Numbers items = new Numbers();
  private final String columnsPath;
  /** Whether the collection answers {@link #columnsPath}; found false once, by the first scan that asks. */
  private volatile boolean columnsHandler = true;

  /**
   * @param client a client of the cluster; each shard is reached through its HTTP client (credentials
   *     included) when it is a {@link CloudHttp2SolrClient}
   * @param collection the events collection
   */
  SolrEventExport(CloudSolrClient client, String collection) {
    this(client, collection, COLUMNS_PATH);
  }

  /**
   * @param client a client of the cluster
   * @param collection the events collection
   * @param columnsPath where the nodes answer {@link #columns} ({@value #COLUMNS_PATH} in Zhiku's configset;
   *     tests name one that does not exist)
   */
  SolrEventExport(CloudSolrClient client, String collection, String columnsPath) {
    this.client = client;
    this.collection = collection;
    this.columnsPath = columnsPath;
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

  /**
   * Streams the rows of a query from every shard through km-solr-node's columns handler ({@code
   * /zhiku-columns}): only the docValues columns asked for, unsorted, each string once per segment. Much
   * cheaper than {@link #export} for block scans, which read a few columns of millions of rows. The
   * rows can answer only for the fields read: time, type, user, item, value, result count and context
   * attributes.
   *
   * @param params the query and its filters ({@code q}, {@code fq})
   * @param fields the columns to read, among {@code ev_time}, {@code ev_type}, {@code ev_user}, {@code ev_item},
   *     {@code ev_value}, {@code ev_results} and {@code ev_cattr}
   * @param visitor receives each row, valid during the call only
   * @return {@code false}, having read nothing, if the collection's nodes or configset lack the handler (the
   *     caller then uses {@link #export}); {@code true} once every row was handed over
   * @throws ZhikuException if a shard fails ({@link UnavailableException} if none of its replicas serves)
   */
  boolean columns(ModifiableSolrParams params, List<String> fields, Consumer<EventRow> visitor) {
    if (!columnsHandler) {
      return false;
    }
    params.set("fl", String.join(",", fields));
    params.set("distrib", "false");
    ColumnRow row = new ColumnRow(fields);
    boolean first = true;
    for (Replica replica : shardReplicas()) {
      GenericSolrRequest request = new GenericSolrRequest(SolrRequest.METHOD.POST, columnsPath, params)
          .setRequiresCollection(true);
      request.setResponseParser(new InputStreamResponseParser("json"));
      NamedList<Object> response;
      try {
        response = streams.getHttpSolrClient(replica.getBaseUrl()).request(request, replica.getCoreName());
      } catch (SolrServerException | IOException | RuntimeException e) {
        throw SolrCalls.failure(collection, "scan events", e);
      }
      try (InputStream in = (InputStream) response.get(InputStreamResponseParser.STREAM_KEY)) {
        Object status = response.get(InputStreamResponseParser.HTTP_STATUS_KEY);
        if (!Integer.valueOf(200).equals(status)) {
          String answer = new String(in.readNBytes(2048), StandardCharsets.UTF_8);
          if (first && (Integer.valueOf(404).equals(status) || answer.contains("io.zhiku.solr.node.ColumnsHandler")
              && (answer.contains("ClassNotFound") || answer.contains("Error loading class")))) {
            columnsHandler = false;
            LOG.info("the collection {} has no {} handler (km-solr-node on its nodes, the configset of this version): "
                + "event scans use /export", collection, columnsPath);
            return false;
          }
          throw SolrCalls.refusal(collection, "an event scan", "HTTP " + status + ": " + answer);
        }
        ColumnStream stream = new ColumnStream(in, row.kinds);
        stream.open();
        row.read(stream);
        while (stream.next()) {
          visitor.accept(row);
        }
      } catch (IOException e) {
        throw SolrCalls.failure(collection, "scan events", e);
      }
      first = false;
    }
    return true;
  }

  /** A core of each shard to export from: the leader if it serves, else another replica that does. */
  private List<String> shardUrls() {
    return shardReplicas().stream().map(Replica::getCoreUrl).toList();
  }

  /** A replica of each shard to read from: the leader if it serves, else another replica that does. */
  private List<Replica> shardReplicas() {
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

  /** Releases the shards' HTTP clients. */
  @Override
  public void close() {
    streams.close();
  }

  /** Dense numbers for ids, in the order scans first meet them. Thread-safe. */
  private static final class Numbers {
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
      String prefix = key + "=";
      for (String entry : strings("ev_cattr")) {
        if (entry.startsWith(prefix)) {
          return entry.substring(prefix.length());
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

  /** A row over the current row of a columns stream; valid during the visitor's call only. */
  private final class ColumnRow implements EventRow {
    private final ColumnStream.Kind[] kinds;
    private final int time;
    private final int type;
    private final int user;
    private final int item;
    private final int value;
    private final int results;
    private final int attributes;
    private ColumnStream stream;
    /** Dense numbers of the current segment's user and item ordinals, made once per ordinal. */
    private int[] userNumbers = new int[0];
    private int[] itemNumbers = new int[0];
    private int numbersSegment = -1;

    ColumnRow(List<String> fields) {
      kinds = new ColumnStream.Kind[fields.size()];
      for (int i = 0; i < kinds.length; i++) {
        kinds[i] = switch (fields.get(i)) {
          case "ev_time", "ev_value", "ev_results" -> ColumnStream.Kind.NUMBER;
          case "ev_type", "ev_user", "ev_item" -> ColumnStream.Kind.STRING;
          case "ev_cattr" -> ColumnStream.Kind.STRINGS;
          default -> throw new IllegalArgumentException("not an event column: " + fields.get(i));
        };
      }
      time = fields.indexOf("ev_time");
      type = fields.indexOf("ev_type");
      user = fields.indexOf("ev_user");
      item = fields.indexOf("ev_item");
      value = fields.indexOf("ev_value");
      results = fields.indexOf("ev_results");
      attributes = fields.indexOf("ev_cattr");
    }

    /** Reads the rows of another stream (another shard's): ordinals of the last one no longer apply. */
    void read(ColumnStream next) {
      stream = next;
      numbersSegment = -1;
    }

    private String text(int field) {
      if (field < 0) {
        return null;
      }
      int ord = stream.ordinal(field);
      return ord < 0 ? null : stream.string(field, ord);
    }

    /** The dense number of a field's value, made once per ordinal of the segment; -1 if it has none. */
    private int number(int field, Numbers numbers, boolean users) {
      if (numbersSegment != stream.segment()) {
        numbersSegment = stream.segment();
        Arrays.fill(userNumbers, -1);
        Arrays.fill(itemNumbers, -1);
      }
      int ord = field < 0 ? -1 : stream.ordinal(field);
      if (ord < 0) {
        return -1;
      }
      int[] cache = users ? userNumbers : itemNumbers;
      if (ord >= cache.length) {
        int[] grown = Arrays.copyOf(cache, Math.max(ord + 1, cache.length * 2));
        Arrays.fill(grown, cache.length, grown.length, -1);
        cache = grown;
        if (users) {
          userNumbers = grown;
        } else {
          itemNumbers = grown;
        }
      }
      if (cache[ord] < 0) {
        cache[ord] = numbers.of(stream.string(field, ord));
      }
      return cache[ord];
    }

    private UnsupportedOperationException unread(String what) {
      return new UnsupportedOperationException("a column scan does not read the " + what);
    }

    @Override
    public long sequence() {
      throw unread("sequence number");
    }

    @Override
    public long timeMillis() {
      return stream.number(time);
    }

    @Override
    public String type() {
      return text(type);
    }

    @Override
    public String userId() {
      return text(user);
    }

    @Override
    public int userNumber() {
      return number(user, users, true);
    }

    @Override
    public String itemId() {
      return text(item);
    }

    @Override
    public int itemNumber() {
      return number(item, items, false);
    }

    @Override
    public List<String> principalRoles() {
      throw unread("principal's roles");
    }

    @Override
    public List<String> principalGroups() {
      throw unread("principal's groups");
    }

    @Override
    public String contextRole() {
      throw unread("context's role");
    }

    @Override
    public String contextStage() {
      throw unread("context's stage");
    }

    @Override
    public String contextAttribute(String key) {
      if (attributes < 0) {
        throw unread("context's attributes");
      }
      String prefix = key + "=";
      for (int k = 0, n = stream.count(attributes); k < n; k++) {
        String entry = stream.string(attributes, stream.ordinal(attributes, k));
        if (entry.startsWith(prefix)) {
          return entry.substring(prefix.length());
        }
      }
      return null;
    }

    @Override
    public double value() {
      return value >= 0 && stream.has(value) ? Double.longBitsToDouble(stream.number(value)) : Double.NaN;
    }

    @Override
    public long resultCount() {
      return results >= 0 && stream.has(results) ? stream.number(results) : -1;
    }

    @Override
    public UsageEvent toEvent() {
      throw unread("whole event");
    }
  }
}
