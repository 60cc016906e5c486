package io.zhiku.solr.internal;

import io.zhiku.core.UnavailableException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.InputStreamResponseParser;
import org.apache.solr.client.solrj.request.GenericSolrRequest;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Block scans of the events collection through km-solr-node's columns handler ({@value #COLUMNS_PATH}):
 * each shard's rows as a {@link ColumnStream}, read from the replicas {@link SolrEventExport} chooses,
 * with its dense numbers. Finds out once whether the collection has the handler; a caller falls back to
 * {@link SolrEventExport#export} when it does not. Thread-safe; the HTTP clients are the export's.
 */
final class SolrColumnScan {
  private static final Logger LOG = LoggerFactory.getLogger(SolrColumnScan.class);
  /** The path of km-solr-node's columns handler in Zhiku's configset. */
  static final String COLUMNS_PATH = "/zhiku-columns";

  private final SolrEventExport shards;
  private final String collection;
  private final String columnsPath;
  /** Whether the collection answers {@link #columnsPath}; found false once, by the first scan that asks. */
  private volatile boolean columnsHandler = true;

  /**
   * @param shards where the replicas, their HTTP clients and the dense numbers come from
   * @param collection the events collection
   */
  SolrColumnScan(SolrEventExport shards, String collection) {
    this(shards, collection, COLUMNS_PATH);
  }

  /**
   * @param shards where the replicas, their HTTP clients and the dense numbers come from
   * @param collection the events collection
   * @param columnsPath where the nodes answer ({@value #COLUMNS_PATH} in Zhiku's configset; tests name one
   *     that does not exist)
   */
  SolrColumnScan(SolrEventExport shards, String collection, String columnsPath) {
    this.shards = shards;
    this.collection = collection;
    this.columnsPath = columnsPath;
  }

  /**
   * Streams the rows of a query from every shard through km-solr-node's columns handler ({@code
   * /zhiku-columns}): only the docValues columns asked for, unsorted, each string once per segment. Much
   * cheaper than {@link SolrEventExport#export} for block scans, which read a few columns of millions of rows. The
   * rows can answer only for the fields read: time, type, user, item, value, result count and context
   * attributes.
   *
   * @param params the query and its filters ({@code q}, {@code fq})
   * @param fields the columns to read, among {@code ev_time}, {@code ev_type}, {@code ev_user}, {@code ev_item},
   *     {@code ev_value}, {@code ev_results} and {@code ev_cattr}
   * @param visitor receives each row, valid during the call only
   * @return {@code false}, having read nothing, if the collection's nodes or configset lack the handler (the
   *     caller then uses {@link SolrEventExport#export}); {@code true} once every row was handed over
   * @throws ZhikuException if a shard fails ({@link UnavailableException} if none of its replicas serves)
   */
  boolean scan(ModifiableSolrParams params, List<String> fields, Consumer<EventRow> visitor) {
    if (!columnsHandler) {
      return false;
    }
    params.set("fl", String.join(",", fields));
    params.set("distrib", "false");
    ColumnRow row = new ColumnRow(fields);
    boolean first = true;
    for (Replica replica : shards.shardReplicas()) {
      GenericSolrRequest request = new GenericSolrRequest(SolrRequest.METHOD.POST, columnsPath, params)
          .setRequiresCollection(true);
      request.setResponseParser(new InputStreamResponseParser("json"));
      NamedList<Object> response;
      try {
        response = shards.node(replica).request(request, replica.getCoreName());
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
    private int number(int field, SolrEventExport.Numbers numbers, boolean users) {
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
      return number(user, shards.users, true);
    }

    @Override
    public String itemId() {
      return text(item);
    }

    @Override
    public int itemNumber() {
      return number(item, shards.items, false);
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
      for (int k = 0, n = stream.count(attributes); k < n; k++) {
        String value = SolrEventStore.attributeValue(stream.string(attributes, stream.ordinal(attributes, k)), key);
        if (value != null) {
          return value;
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
