package io.zhiku.solr.internal;

import io.zhiku.core.ZhikuException;
import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.RowBlocks;
import io.zhiku.core.json.ZhikuJson;
import io.zhiku.core.spi.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * The usage events of a knowledge base on SolrCloud, shared by every instance of the host: one document
 * per event in a collection of its own, made on Zhiku's configset (see {@link SolrCollections#ensure}).
 * Its columns are docValues, which scans stream from each shard's {@code /export} handler; counts are
 * distributed searches; the event as recorded is its JSON, read back by id for {@link EventRow#toEvent()}.
 *
 * <p><b>Sequence numbers.</b> When it opens, a store takes the next writer number of the collection (a
 * counter document, compare-and-set on its revision as items are); an event's sequence number is that
 * number shifted left {@value #COUNT_BITS} bits plus the count of events this store appended. So a number
 * is positive and unique in the collection, and grows within one store; {@link #lastSequence()} and
 * {@link #committedSequence()} are this store's own, 0 before its first append, as an item sequence on a
 * shared engine counts one instance's changes.
 *
 * <p><b>Appends.</b> Events with an id are looked up in real time first (one POSTed {@code /get}): those
 * stored already, or repeated in the batch, are left out. The rest are numbered and sent in one update,
 * each at revision 1, so that the version constraint refuses an id that another instance stored between
 * the look-up and the write; such an event is left out too, and the events after it are written again
 * with their numbers closed up, so that one append's numbers stay consecutive. A batch spreads over shards
 * and Solr has no transaction across them: if the cluster refuses an event for another reason, the events
 * it took stay stored, and the exception says how many; a large batch goes in requests of 5,000 events,
 * and one that fails as a whole leaves those of the requests before it stored. Either way, recording again
 * is safe for events with ids.
 * An acknowledged append is durable (every replica's update log); it becomes visible to scans and counts at
 * this store's next {@link #refresh()} (a soft commit), or within the cluster's soft-commit interval.
 *
 * <p>Thread-safe: the knowledge base serialises appends, refreshes and deletes; scans and counts run on any
 * thread.
 */
public final class SolrEventStore implements EventStore {
  /** The counter document of writer numbers: not an event, so every scan and count leaves it out. */
  static final String WRITERS_ID = "#event-writers";
  /** Low bits of a sequence number that count one store's events: a trillion per open store. */
  static final int COUNT_BITS = 40;
  /** How many times a store tries to take a writer number while other stores take theirs. */
  private static final int WRITER_ATTEMPTS = 64;
  /** The most documents in one update request: a batch of 100,000 events goes in several. */
  private static final int UPDATE_CHUNK = 5_000;
  /** Events per page of a poll. */
  private static final int PAGE = 1000;
  /** The most events one poll brings in. */
  static final int MAX_FOLLOWED = 10_000;
  /** The columns a scan reads, all docValues. */
  private static final String COLUMNS =
      "id,ev_seq,ev_time,ev_type,ev_user,ev_item,ev_proles,ev_pgroups,ev_crole,ev_cstage,ev_cattr,ev_value,ev_results";
  /** What leaves out the engine's own documents. */
  private static final String EVENTS_ONLY = "-state:true";

  private final CloudSolrClient client;
  private final OwnWrites own;
  private final String collection;
  private final long writer;
  /** The feed's window, in units of {@code _version_} (milliseconds shifted left 20 bits). */
  private final long windowUnits;
  /**
   * Other writers' events with a {@code _version_} below this are in this store's view (scans, counts);
   * its own are in it whatever their version. Moved forward by {@link #poll()}.
   */
  private volatile long frontier;
  private final SolrEventExport rows;
  private final SolrColumnScan columnScan;
  private final Object lock = new Object();
  private long count; // guarded by lock
  private long committed; // guarded by lock

  /**
   * Opens the events of a collection, which must exist (see {@link SolrCollections#ensure}), and takes a
   * writer number.
   *
   * @param client a client of the cluster; scans reach each shard through its HTTP client (credentials
   *     included) when it is a {@link CloudHttp2SolrClient}
   * @param collection the events collection
   * @param window how late, after its shard leader numbered it, an event may become visible and still be
   *     brought in by {@link #poll()}: at least the soft-commit interval plus the nodes' clock skew; other
   *     instances' events reach this store's scans about this much after they were appended
   * @throws ZhikuException if the cluster cannot be reached or keeps refusing the writer number
   */
  public SolrEventStore(CloudSolrClient client, String collection, Duration window) {
    this(client, collection, window, false);
  }

  /**
   * Opens the events of a collection, which must exist, and takes a writer number.
   *
   * @param client a client of the cluster
   * @param collection the events collection
   * @param window as above
   * @param ownsClient whether {@link #close()} closes the client
   */
  SolrEventStore(CloudSolrClient client, String collection, Duration window, boolean ownsClient) {
    this.client = Checks.present("client", client);
    this.collection = Checks.token("collection", collection);
    this.own = new OwnWrites(client, collection, ownsClient, "events");
    this.windowUnits = Checks.present("window", window).toMillis() << 20;
    this.writer = takeWriterNumber();
    // Every event acknowledged before now becomes visible, so the view starts with all of them.
    SolrCalls.softCommit(client, collection, "make its events visible");
    this.frontier = highestVersion() + 1;
    this.rows = new SolrEventExport(client, collection);
    this.columnScan = new SolrColumnScan(rows, collection);
  }

  private long takeWriterNumber() {
    for (int attempt = 0; attempt < WRITER_ATTEMPTS; attempt++) {
      SolrDocument d = SolrCalls.realTime(client, collection, List.of(WRITERS_ID), "id,zhiku_rev", "read the writer count")
          .get(WRITERS_ID);
      long next = d == null ? 1 : ((Number) d.getFieldValue("zhiku_rev")).longValue() + 1;
      if (next >= 1L << (Long.SIZE - 1 - COUNT_BITS)) {
        throw new ZhikuException("the collection " + collection + " has numbered " + (next - 1)
            + " event writers, the most it can; make a new events collection");
      }
      SolrInputDocument doc = new SolrInputDocument();
      doc.setField("id", WRITERS_ID);
      doc.setField("zhiku_rev", next);
      doc.setField("state", true);
      UpdateRequest request = new UpdateRequest();
      request.add(doc);
      Map<String, String> refused = SolrCalls.refused(SolrCalls.update(client, collection, request, "take a writer number"));
      if (refused.isEmpty()) {
        return next;
      }
    }
    throw new ZhikuException("the collection " + collection + " refused a writer number " + WRITER_ATTEMPTS
        + " times: too many stores opening at once");
  }

  @Override
  public List<UsageEvent> append(List<UsageEvent> events) {
    return append(events, true);
  }

  /**
   * Appends events.
   *
   * @param events valid events
   * @param lookUp whether to look up the ids first (tests leave it out to meet an id stored meanwhile)
   * @return the events stored
   */
  List<UsageEvent> append(List<UsageEvent> events, boolean lookUp) {
    Set<String> withIds = new HashSet<>();
    events.forEach(e -> {
      if (e.id() != null && lookUp) {
        withIds.add(e.id());
      }
    });
    Set<String> stored = SolrCalls.realTime(client, collection, withIds, "id", "read events by id").keySet();
    Set<String> batch = new HashSet<>();
    List<UsageEvent> fresh = new ArrayList<>();
    for (UsageEvent e : events) {
      if (e.id() == null || !stored.contains(e.id()) && batch.add(e.id())) {
        fresh.add(e);
      }
    }
    if (fresh.isEmpty()) {
      return List.of();
    }
    synchronized (lock) {
      long before = count;
      long first = nextSequence();
      List<SolrInputDocument> docs = new ArrayList<>();
      for (int i = 0; i < fresh.size(); i++) {
        docs.add(document(fresh.get(i), first + i, 1));
      }
      count += fresh.size();
      own.wrote();
      Map<String, String> refused = send(docs, "append " + docs.size() + " events");
      if (refused.isEmpty()) {
        return fresh;
      }
      List<UsageEvent> kept = new ArrayList<>();
      try {
        closeUp(fresh, docs, refused, first, kept);
      } finally {
        count = before + kept.size();
      }
      return kept;
    }
  }

  /**
   * After a refusal: events another instance stored first are left out and the numbers of the rest closed
   * up (written again at revision 2); then a refusal for another reason is thrown.
   *
   * @param kept receives the events stored, in order, even if this throws
   */
  private void closeUp(List<UsageEvent> fresh, List<SolrInputDocument> docs, Map<String, String> refused, long first,
      List<UsageEvent> kept) {
    Set<String> storedFirst = SolrCalls.realTime(client, collection, refused.keySet(), "id", "read refused events")
        .keySet();
    List<SolrInputDocument> renumbered = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      String id = (String) docs.get(i).getFieldValue("id");
      if (!refused.containsKey(id)) {
        long sequence = first + kept.size();
        if (sequence != first + i) {
          renumbered.add(document(fresh.get(i), sequence, 2));
        }
        kept.add(fresh.get(i));
      } else if (!storedFirst.contains(id)) {
        failed.add(id);
      }
    }
    if (!renumbered.isEmpty()) {
      Map<String, String> again = send(renumbered, "number " + renumbered.size() + " events again");
      if (!again.isEmpty()) {
        String id = again.keySet().iterator().next();
        throw SolrCalls.refusal(collection, "the new number of event \"" + id + "\"", again.get(id));
      }
    }
    if (!failed.isEmpty()) {
      throw SolrCalls.refusal(collection, failed.size() + " of " + docs.size() + " events (" + kept.size()
          + " were stored; recording again is safe for events with ids), the first \"" + failed.get(0) + "\"",
          refused.get(failed.get(0)));
    }
  }

  /** Sends documents in requests of at most {@value #UPDATE_CHUNK}; the refused ones of every request. */
  private Map<String, String> send(List<SolrInputDocument> docs, String what) {
    Map<String, String> refused = new LinkedHashMap<>();
    for (int from = 0; from < docs.size(); from += UPDATE_CHUNK) {
      UpdateRequest request = new UpdateRequest();
      request.add(docs.subList(from, Math.min(docs.size(), from + UPDATE_CHUNK)));
      refused.putAll(SolrCalls.refused(SolrCalls.update(client, collection, request, what)));
    }
    return refused;
  }

  private long nextSequence() {
    if (count + 1 >= 1L << COUNT_BITS) {
      throw new ZhikuException("this event store appended " + count + " events, the most one open store numbers;"
          + " open it again");
    }
    return (writer << COUNT_BITS) + count + 1;
  }

  static SolrInputDocument document(UsageEvent e, long sequence, long revision) {
    SolrInputDocument d = new SolrInputDocument();
    d.setField("id", e.id() != null ? e.id() : "~" + Long.toHexString(sequence));
    d.setField("zhiku_rev", revision);
    d.setField("ev_seq", sequence);
    d.setField("ev_writer", sequence >>> COUNT_BITS);
    d.setField("ev_time", e.time().toEpochMilli());
    d.setField("ev_type", e.type().name());
    d.setField("ev_user", e.principal().userId());
    if (e.itemId() != null) {
      d.setField("ev_item", e.itemId());
    }
    Set<String> anyRole = new HashSet<>(e.principal().roles());
    e.principal().roles().forEach(r -> d.addField("ev_proles", r));
    e.principal().groups().forEach(g -> d.addField("ev_pgroups", g));
    WorkContext c = e.context();
    if (c != null) {
      if (c.role() != null) {
        d.setField("ev_crole", c.role());
        anyRole.add(c.role());
      }
      if (c.stage() != null) {
        d.setField("ev_cstage", c.stage());
      }
      c.attributes().forEach((k, v) -> d.addField("ev_cattr", attributeEntry(k, v)));
    }
    anyRole.forEach(r -> d.addField("ev_anyrole", r));
    if (e.value() != null) {
      d.setField("ev_value", e.value());
    }
    if (e.resultCount() != null) {
      d.setField("ev_results", e.resultCount().longValue());
    }
    d.setField("json", ZhikuJson.write(e));
    return d;
  }

  /**
   * The filters of an event query over this store's view: numbers and validated ids only, each list read by
   * the terms parser.
   */
  private void filters(ModifiableSolrParams params, EventQuery q) {
    params.add("fq", EVENTS_ONLY);
    params.set("zk_own", "ev_writer:" + writer);
    params.set("zk_seen", "_version_:[* TO " + frontier + "}");
    params.add("fq", "{!bool should=$zk_own should=$zk_seen}");
    if (q.from() != null || q.before() != null) {
      String from = q.from() == null ? "*" : Long.toString(q.from().toEpochMilli());
      String before = q.before() == null ? "*" : Long.toString(q.before().toEpochMilli());
      params.add("fq", "ev_time:[" + from + " TO " + before + "}");
    }
    SolrFilters.anyOf(params, "ev_type", q.types().stream().map(UsageEventType::name).toList());
    SolrFilters.anyOf(params, "ev_user", q.userIds());
    SolrFilters.anyOfChecked(params, "ev_item", q.itemIds());
    SolrFilters.anyOf(params, "ev_anyrole", q.roles());
    q.contextAttributes().forEach((k, v) -> SolrFilters.anyOf(params, "ev_cattr", Set.of(attributeEntry(k, v))));
  }

  @Override
  public void scan(EventQuery query, Consumer<EventRow> visitor) {
    rows.export(params(query), COLUMNS, visitor);
  }

  /**
   * Exports only the columns the blocks read (time, type and user always; the item, value, result count and
   * context attributes if some type asks for them): the bulk of a KPI report's cost is moving columns.
   */
  @Override
  public void scanBlocks(EventQuery query, EventColumns columns, Consumer<EventBlock> visitor) {
    List<String> fields = new ArrayList<>(List.of("ev_time", "ev_type", "ev_user"));
    Map<EventColumns.Column, String> optional = Map.of(EventColumns.Column.ITEM, "ev_item",
        EventColumns.Column.VALUE, "ev_value", EventColumns.Column.RESULT_COUNT, "ev_results");
    optional.forEach((column, field) -> {
      if (!columns.reads().getOrDefault(column, Set.of()).isEmpty()) {
        fields.add(field);
      }
    });
    if (columns.attributes().values().stream().anyMatch(types -> !types.isEmpty())) {
      fields.add("ev_cattr");
    }
    RowBlocks.scan(visit -> {
      if (!columnScan.scan(params(query), fields, visit)) {
        rows.export(params(query), String.join(",", fields), visit);
      }
    }, columns, visitor);
  }

  /** How a context attribute is kept in the multi-valued {@code ev_cattr}: one {@code key=value} per attribute. */
  static String attributeEntry(String key, String value) {
    return key + "=" + value;
  }

  /**
   * @param entry a value of {@code ev_cattr}
   * @param key an attribute's key
   * @return the attribute's value if the entry is of that key, else {@code null}
   */
  static String attributeValue(String entry, String key) {
    return entry.length() > key.length() && entry.charAt(key.length()) == '=' && entry.startsWith(key)
        ? entry.substring(key.length() + 1) : null;
  }

  /** The request of a query over this store's view: every event, and the query's filters. */
  private ModifiableSolrParams params(EventQuery query) {
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set("q", "*:*");
    filters(params, query);
    return params;
  }

  /** The highest {@code _version_} of an event visible to searches now, or 0 if there is none. */
  private long highestVersion() {
    SolrDocumentList top = newest();
    return top.isEmpty() ? 0 : ((Number) top.get(0).getFieldValue("_version_")).longValue();
  }

  /**
   * The newest event visible now, with the cluster's time ({@code now}: {@code NOW} in milliseconds, fixed by
   * the node that coordinates the request), or nothing if there is no event.
   */
  private SolrDocumentList newest() {
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set("q", "*:*");
    params.add("fq", EVENTS_ONLY);
    params.set("fl", "_version_,now:ms(NOW)");
    params.set("sort", "_version_ desc");
    params.set("rows", 1);
    return SolrCalls.query(client, collection, params, "read its newest event").getResults();
  }


  /**
   * Brings other writers' events into this store's view, up to the {@code _version_} of the cluster's time
   * less {@code window} (an event its leader numbered before that is visible on every replica by then), at
   * most {@value #MAX_FOLLOWED} a poll (the rest come with the next).
   */
  @Override
  public List<UsageEvent> poll() {
    SolrDocumentList newest = newest();
    if (newest.isEmpty()) {
      return List.of();
    }
    long to = (((Number) newest.get(0).getFieldValue("now")).longValue() << 20) - windowUnits;
    long from = frontier;
    if (to <= from) {
      return List.of();
    }
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set("q", "*:*");
    params.add("fq", EVENTS_ONLY);
    params.add("fq", "-ev_writer:" + writer);
    params.add("fq", "_version_:[" + from + " TO " + to + "}");
    params.set("fl", "id,_version_,json");
    params.set("sort", "_version_ asc,id asc");
    params.set("rows", PAGE);
    List<UsageEvent> events = new ArrayList<>();
    List<Long> versions = new ArrayList<>();
    SolrCalls.pages(client, collection, params, "follow other instances' events", response -> {
      for (SolrDocument d : response.getResults()) {
        events.add(ZhikuJson.read((String) d.getFieldValue("json"), UsageEvent.class));
        versions.add(((Number) d.getFieldValue("_version_")).longValue());
      }
      return events.size() < MAX_FOLLOWED;
    });
    if (events.size() >= MAX_FOLLOWED) {
      // Stop below the last version read: its events (one per shard at most) come whole with the next poll.
      to = versions.get(versions.size() - 1);
      events.subList(versions.indexOf(to), events.size()).clear();
    }
    frontier = to;
    return events;
  }

  @Override
  public long count(EventQuery query) {
    ModifiableSolrParams params = params(query);
    params.set("rows", 0);
    return SolrCalls.query(client, collection, params, "count events").getResults().getNumFound();
  }

  @Override
  public void deleteBefore(Instant cutoff) {
    UpdateRequest request = new UpdateRequest();
    request.deleteByQuery("ev_time:[* TO " + cutoff.toEpochMilli() + "}");
    SolrCalls.update(client, collection, request, "delete events before " + cutoff);
    own.wrote();
  }

  /** A soft commit, if this store appended or deleted since the last one: other stores' events are made visible by autoSoftCommit. */
  @Override
  public void refresh() {
    own.refresh();
  }

  /** Nothing to send: an acknowledged append is already in the update log of every replica. */
  @Override
  public void commit() {
    synchronized (lock) {
      committed = count;
    }
  }

  @Override
  public long lastSequence() {
    synchronized (lock) {
      return count == 0 ? 0 : (writer << COUNT_BITS) + count;
    }
  }

  @Override
  public long committedSequence() {
    synchronized (lock) {
      return committed == 0 ? 0 : (writer << COUNT_BITS) + committed;
    }
  }

  /**
   * Makes this store's events visible to scans (they would be within the soft-commit interval anyway, so a
   * cluster that cannot take the commit now is only logged), and releases the scans' HTTP clients; the
   * cluster client stays open unless this store owns it.
   */
  @Override
  public void close() {
    own.close(rows::close);
  }

  /**
   * The writer number this store took.
   *
   * @return a number at least 1
   */
  long writer() {
    return writer;
  }
}
