package io.zhiku.graph;

import io.zhiku.core.StorageException;
import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.kb.ChangeListener;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.spi.EngineCapability;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.graph.internal.GraphAccess;
import io.zhiku.graph.internal.ItemFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge graph of a {@link KnowledgeBase}, kept in step with it and persisted.
 *
 * <p><b>What is in it.</b> Three sources, merged into one graph:
 *
 * <ul>
 *   <li>the items: each item is a node, {@code about} its concepts, {@code authored} by its authors,
 *       {@code verified} by its verifier, linked to the items it links to (the link's relation is the
 *       edge type); the taxonomy adds {@code broader} and {@code related} edges between concepts. These
 *       follow every put and delete on their own.
 *   <li>usage events: each stored event of a type the builder maps ({@link Builder#eventEdge}) adds its
 *       weight to an edge from the person to the item, by default {@code used} for views, clicks,
 *       reuses, ratings, helpful votes, accepted pushes and accepted answers, {@code answered} for
 *       answers, {@code verified} for verifications. Repeats add up: fifty views are one edge of weight 50.
 *   <li>what the host puts: people, teams, customers with their needs, partners with what they offer,
 *       projects, with small property maps, and any edge between them ({@link #putNode}, {@link
 *       #putEdge}, {@link #putCustomer}, {@link #putPartner}).
 * </ul>
 *
 * <p><b>Reading.</b> {@link #snapshot()} is the whole graph, the host's own view; {@link
 * #snapshot(Principal)} leaves out the items a principal may not read, with their edges, and every node
 * left with no edge but for them, so that nothing built on it (neighbourhoods, paths, ranks, experts,
 * maps) can show, count or suggest a hidden item. Snapshots are immutable; a change becomes visible in
 * the next snapshot, built on the first read after it (the cost is a sort of all edges) and shared by
 * every reader until the next change.
 *
 * <p><b>Durability.</b> With a directory, {@link #commit()} commits the knowledge base and then writes
 * the graph atomically with the sequence numbers of the last item change and event it holds; {@link
 * #close()} commits too. On opening, a graph behind the knowledge base (or ahead of it, after the
 * knowledge base lost uncommitted changes in a crash) catches up: item facts are read again from the
 * item store, events after the graph's last one are read from the event store. What the host put is
 * durable at the graph's commit.
 *
 * <p><b>Threads.</b> Thread-safe. Item changes and events are applied on the knowledge base's writing
 * thread (quickly: a map update); readers never wait for a snapshot being built by another reader.
 */
public final class KnowledgeGraph implements AutoCloseable {
  static {
    GraphAccess.install((graph, principal, itemId) -> graph.visibleFacts(principal, itemId));
  }

  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeGraph.class);

  /** The most properties on one node. */
  public static final int MAX_PROPERTIES = 64;
  /** The longest property value, in characters. */
  public static final int MAX_PROPERTY_CHARS = 1_000;
  /** The most targets in one {@link #putCustomer}, {@link #putPartner} or {@link #replaceEdges} call. */
  public static final int MAX_TARGETS = 10_000;
  private static final int PRINCIPAL_CACHE = 64;

  private final KnowledgeBase kb;
  private final Path directory;
  private final Map<String, EventRule> eventRules;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Object buildLock = new Object();
  private final GraphState state; // guarded by lock
  private long version; // guarded by lock; +1 per change
  private volatile Built full;
  private final Map<Principal, Built> perPrincipal = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Principal, Built> eldest) {
      return size() > PRINCIPAL_CACHE;
    }
  }; // guarded by buildLock
  private final Listener listener = new Listener();
  private volatile boolean closed;

  /** A snapshot and the state version and taxonomy it was built from. */
  private record Built(long version, Taxonomy taxonomy, GraphSnapshot snapshot) {}

  /** What an event of one type adds to the graph. */
  private record EventRule(EdgeType type, double weight) {}

  private KnowledgeGraph(Builder b) {
    this.kb = b.kb;
    this.directory = b.directory;
    this.eventRules = Map.copyOf(b.eventRules);
    GraphState loaded;
    try {
      loaded = directory == null ? null : GraphFile.read(directory);
    } catch (IOException e) {
      throw new StorageException("cannot read the graph in " + directory + ": " + e, e);
    }
    this.state = loaded == null ? new GraphState() : loaded;
    kb.addChangeListener(listener); // catches up in Listener.attached, with the knowledge base's writes held
  }

  /**
   * Starts configuring the graph of a knowledge base.
   *
   * @param kb the knowledge base; the graph follows its changes from the moment it is built
   * @return a builder
   * @throws ValidationException if the knowledge base is missing
   */
  public static Builder builder(KnowledgeBase kb) {
    return new Builder(Checks.present("kb", kb));
  }

  /**
   * The whole graph: the host's own view, with no access rule applied.
   *
   * @return the current snapshot
   */
  public GraphSnapshot snapshot() {
    return current().snapshot();
  }

  /**
   * The graph as a principal may see it: without the items they may not read (and items the graph knows
   * only by links or events, not by the item store), without those items' edges, and without nodes that
   * had no other edge. Cached for the last {@value #PRINCIPAL_CACHE} principals until the next change.
   *
   * @param principal who is looking
   * @return their snapshot
   * @throws ValidationException if the principal is missing
   */
  public GraphSnapshot snapshot(Principal principal) {
    Checks.present("principal", principal);
    Built all = current();
    synchronized (buildLock) {
      Built mine = perPrincipal.get(principal);
      if (mine != null && mine.version() == all.version() && mine.taxonomy() == all.taxonomy()) {
        return mine.snapshot();
      }
    }
    GraphSnapshot visible = visibleTo(all, principal);
    synchronized (buildLock) {
      perPrincipal.put(principal, new Built(all.version(), all.taxonomy(), visible));
    }
    return visible;
  }

  /**
   * Whether a principal may see a node: every node but items, and the items the item store holds and
   * whose access rule lets the principal read them.
   *
   * @param principal who
   * @param node what
   * @return whether they may see it
   * @throws ValidationException if a part is missing
   */
  public boolean canSee(Principal principal, Node node) {
    Checks.present("principal", principal);
    Checks.present("node", node);
    if (!node.type().equals(NodeType.ITEM)) {
      return true;
    }
    lock.readLock().lock();
    try {
      ItemFacts f = state.items.get(node.id());
      return f != null && f.acl().permits(principal);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * A node's properties as a principal may see them: what the host put, and for an item its {@code
   * title}, {@code kind} and {@code status}.
   *
   * @param principal who is looking
   * @param node the node
   * @return its properties, empty if the node is an item the principal may not read or the graph has
   *     none for it
   * @throws ValidationException if a part is missing
   */
  public Map<String, String> properties(Principal principal, Node node) {
    if (!canSee(principal, node)) {
      return Map.of();
    }
    lock.readLock().lock();
    try {
      Map<String, String> host = state.hostNodes.getOrDefault(node, Map.of());
      ItemFacts f = node.type().equals(NodeType.ITEM) ? state.items.get(node.id()) : null;
      if (f == null) {
        return host;
      }
      Map<String, String> out = new LinkedHashMap<>(host);
      out.put("title", f.title());
      out.put("kind", f.kind());
      out.put("status", f.status().name().toLowerCase(java.util.Locale.ROOT));
      return Map.copyOf(out);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Creates a node or replaces its properties.
   *
   * @param node the node
   * @param properties its properties: at most {@value #MAX_PROPERTIES}, keys like {@code industry}
   *     ({@code a-z 0-9 - _ .}), values single lines of at most {@value #MAX_PROPERTY_CHARS} characters
   * @throws ValidationException if a part is missing or a property breaks those limits; nothing changes
   */
  public void putNode(Node node, Map<String, String> properties) {
    Checks.present("node", node);
    Map<String, String> props = checkProperties(properties);
    write(() -> state.hostNodes.put(node, props));
  }

  /**
   * Adds an edge the host knows of (a person is a member of a team, a project is for a customer...). An
   * edge with the same source, type and target is replaced.
   *
   * @param edge the edge
   * @throws ValidationException if the edge is missing
   */
  public void putEdge(Edge edge) {
    Checks.present("edge", edge);
    write(() -> state.hostEdges.put(new GraphState.Key(edge.source(), edge.type(), edge.target()), edge.weight()));
  }

  /**
   * Removes an edge the host put.
   *
   * @param source where it starts
   * @param type its type
   * @param target where it ends
   * @return whether there was one
   * @throws ValidationException if a part is missing
   */
  public boolean removeEdge(Node source, EdgeType type, Node target) {
    GraphState.Key key = new GraphState.Key(Checks.present("source", source), Checks.present("type", type),
        Checks.present("target", target));
    lock.writeLock().lock();
    try {
      boolean removed = state.hostEdges.remove(key) != null;
      if (removed) {
        version++;
      }
      return removed;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Removes a node the host put, its properties and every edge the host put to or from it. Edges drawn
   * from items and events stay: they follow the knowledge base.
   *
   * @param node the node
   * @return whether the host had put the node or an edge of it
   * @throws ValidationException if the node is missing
   */
  public boolean removeNode(Node node) {
    Checks.present("node", node);
    lock.writeLock().lock();
    try {
      boolean removed = state.hostNodes.remove(node) != null;
      removed |= state.hostEdges.keySet().removeIf(k -> k.source().equals(node) || k.target().equals(node));
      if (removed) {
        version++;
      }
      return removed;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Replaces the edges of one type the host put from a node: afterwards the node's edges of that type go
   * to exactly the given targets, each with weight 1.
   *
   * @param source the node
   * @param type the edge type
   * @param targets the new targets, at most {@value #MAX_TARGETS}
   * @throws ValidationException if a part is missing or there are too many targets; nothing changes
   */
  public void replaceEdges(Node source, EdgeType type, Collection<Node> targets) {
    Checks.present("source", source);
    Checks.present("type", type);
    List<Node> to = Checks.list("targets", targets, MAX_TARGETS);
    write(() -> setTargets(source, type, to));
  }

  /** The host's edges of a type from a node go to exactly these targets; called with the write lock held. */
  private void setTargets(Node source, EdgeType type, List<Node> targets) {
    state.hostEdges.keySet().removeIf(k -> k.source().equals(source) && k.type().equals(type));
    for (Node t : targets) {
      state.hostEdges.put(new GraphState.Key(source, type, t), 1.0);
    }
  }

  /**
   * The customer-needs library: puts a customer with its properties (name, industry...) and what it needs
   * (concepts, requirement items...), replacing the needs it had.
   *
   * @param customerId the customer's id
   * @param properties its properties (see {@link #putNode})
   * @param needs what it needs, at most {@value #MAX_TARGETS}
   * @return the customer's node
   * @throws ValidationException if a part is missing or breaks its limits; nothing changes
   */
  public Node putCustomer(String customerId, Map<String, String> properties, Collection<Node> needs) {
    return putWithTargets(NodeType.CUSTOMER, customerId, properties, EdgeType.NEEDS, needs);
  }

  /**
   * The partner library: puts a partner with its properties and what it offers (products, concepts,
   * solution items...), replacing what it offered.
   *
   * @param partnerId the partner's id
   * @param properties its properties (see {@link #putNode})
   * @param offers what it offers, at most {@value #MAX_TARGETS}
   * @return the partner's node
   * @throws ValidationException if a part is missing or breaks its limits; nothing changes
   */
  public Node putPartner(String partnerId, Map<String, String> properties, Collection<Node> offers) {
    return putWithTargets(NodeType.PARTNER, partnerId, properties, EdgeType.OFFERS, offers);
  }

  private Node putWithTargets(NodeType type, String id, Map<String, String> properties, EdgeType edge,
      Collection<Node> targets) {
    Node node = Node.of(type, id);
    Map<String, String> props = checkProperties(properties);
    List<Node> to = Checks.list(edge.name(), targets, MAX_TARGETS);
    write(() -> {
      state.hostNodes.put(node, props);
      setTargets(node, edge, to);
    });
    return node;
  }

  private static Map<String, String> checkProperties(Map<String, String> properties) {
    Map<String, String> props = Checks.map("properties", properties, MAX_PROPERTIES);
    props.forEach((k, v) -> {
      Checks.key("properties", k);
      Checks.line("properties[" + k + "]", v, MAX_PROPERTY_CHARS);
    });
    return props;
  }

  /**
   * The sequence number of the last item change the graph holds.
   *
   * @return the sequence number
   */
  public long itemSequence() {
    lock.readLock().lock();
    try {
      return state.itemSequence;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The sequence number of the last usage event the graph holds.
   *
   * @return the sequence number
   */
  public long eventSequence() {
    lock.readLock().lock();
    try {
      return state.eventSequence;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Makes the graph durable: commits the knowledge base, then writes the graph (see the class comment).
   * Does nothing more than the knowledge base's commit for a graph without a directory.
   *
   * @throws ZhikuException if the graph cannot be written; the last commit stays as it was
   */
  public void commit() {
    ensureOpen();
    if (directory == null) {
      kb.commit();
      return;
    }
    try {
      lock.readLock().lock();
      try {
        GraphFile.writeTemp(directory, state);
      } finally {
        lock.readLock().unlock();
      }
      // Everything the graph just wrote was applied to the knowledge base before the graph heard of it:
      // committing the knowledge base now means the graph's file is never ahead of the knowledge base.
      kb.commit();
      GraphFile.publish(directory);
    } catch (IOException e) {
      throw new StorageException("cannot write the graph to " + directory + ": " + e, e);
    }
  }

  /**
   * Stops following the knowledge base and commits. Calling it again does nothing. Close the graph before
   * the knowledge base.
   *
   * @throws ZhikuException if the final commit fails
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      commit();
    } finally {
      closed = true;
      kb.removeChangeListener(listener);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new ZhikuException("this knowledge graph is closed");
    }
  }

  private void write(Runnable change) {
    ensureOpen();
    lock.writeLock().lock();
    try {
      change.run();
      version++;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The snapshot of the current state, built once per change (and per taxonomy). */
  private Built current() {
    ensureOpen();
    Taxonomy taxonomy = kb.taxonomy();
    Built b = full;
    long v = currentVersion();
    if (b != null && b.version() == v && b.taxonomy() == taxonomy) {
      return b;
    }
    synchronized (buildLock) {
      b = full;
      if (b != null && b.version() == currentVersion() && b.taxonomy() == taxonomy) {
        return b;
      }
      lock.readLock().lock();
      try {
        b = new Built(version, taxonomy, build(taxonomy));
      } finally {
        lock.readLock().unlock();
      }
      full = b;
      return b;
    }
  }

  private long currentVersion() {
    lock.readLock().lock();
    try {
      return version;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Builds the whole graph; called with the read lock held. */
  private GraphSnapshot build(Taxonomy taxonomy) {
    GraphSnapshot.Builder b = GraphSnapshot.builder();
    for (Concept c : taxonomy.concepts()) {
      Node node = Node.of(NodeType.CONCEPT, c.id());
      b.node(node);
      for (String broader : taxonomy.broader(c.id())) {
        b.edge(node, EdgeType.BROADER, Node.of(NodeType.CONCEPT, broader), 1);
      }
      for (String related : taxonomy.related(c.id())) {
        b.edge(node, EdgeType.RELATED, Node.of(NodeType.CONCEPT, related), 1);
      }
    }
    state.hostNodes.keySet().forEach(b::node);
    for (ItemFacts f : state.items.values()) {
      b.node(f.node());
      for (Edge e : f.edges()) {
        b.edge(e.source(), e.type(), e.target(), e.weight());
      }
    }
    state.hostEdges.forEach((k, w) -> b.edge(k.source(), k.type(), k.target(), w));
    state.eventEdges.forEach((k, w) -> b.edge(k.source(), k.type(), k.target(), w));
    return b.build();
  }

  /** The part of a snapshot a principal may see (see {@link #snapshot(Principal)}). */
  private GraphSnapshot visibleTo(Built built, Principal principal) {
    GraphSnapshot all = built.snapshot();
    Taxonomy taxonomy = built.taxonomy();
    int n = all.nodeCount();
    boolean[] hidden = new boolean[n];
    boolean[] keep = new boolean[n];
    lock.readLock().lock();
    try {
      for (int v = 0; v < n; v++) { // a Node value is made only for the host-node lookup
        NodeType type = all.nodeType(v);
        if (type.equals(NodeType.ITEM)) {
          ItemFacts f = state.items.get(all.id(v));
          hidden[v] = f == null || !f.acl().permits(principal);
          keep[v] = !hidden[v];
        } else {
          keep[v] = type.equals(NodeType.CONCEPT) && taxonomy.contains(all.id(v))
              || !state.hostNodes.isEmpty() && state.hostNodes.containsKey(all.node(v));
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    int[] start = all.outStart();
    int[] target = all.outTarget();
    for (int v = 0; v < n; v++) {
      for (int e = start[v]; e < start[v + 1]; e++) {
        if (!hidden[v] && !hidden[target[e]]) {
          keep[v] = true;
          keep[target[e]] = true;
        }
      }
    }
    GraphSnapshot.Builder b = GraphSnapshot.builder();
    int[] number = new int[n];
    for (int v = 0; v < n; v++) {
      number[v] = keep[v] ? b.node(all.node(v)) : -1;
    }
    float[] weight = all.outWeight();
    byte[] type = all.outType();
    for (int v = 0; v < n; v++) {
      for (int e = start[v]; e < start[v + 1]; e++) {
        if (!hidden[v] && !hidden[target[e]]) {
          b.edge(number[v], all.edgeType(type[e] & 0xff), number[target[e]], weight[e]);
        }
      }
    }
    return b.build();
  }

  /** Applies the knowledge base's changes; every call holds the knowledge base's own lock first. */
  private final class Listener implements ChangeListener {
    @Override
    public void attached(long itemSequence, long eventSequence) {
      lock.writeLock().lock();
      try {
        catchUp(itemSequence, eventSequence);
        version++;
      } finally {
        lock.writeLock().unlock();
      }
    }

    @Override
    public void itemsChanged(List<ItemChange> changes) {
      lock.writeLock().lock();
      try {
        for (ItemChange c : changes) {
          if (c instanceof ItemChange.Put put) {
            state.items.put(put.id(), ItemFacts.of(put.item()));
          } else {
            state.items.remove(c.id());
          }
          state.itemSequence = c.sequence();
        }
        version++;
      } finally {
        lock.writeLock().unlock();
      }
    }

    @Override
    public void eventsRecorded(List<UsageEvent> events, long firstSequence) {
      lock.writeLock().lock();
      try {
        addEvents(events);
        state.eventSequence = firstSequence + events.size() - 1;
        version++;
      } finally {
        lock.writeLock().unlock();
      }
    }

    /** Other instances' events: edges like this instance's own; the event sequence counts this instance's only. */
    @Override
    public void eventsFollowed(List<UsageEvent> events) {
      lock.writeLock().lock();
      try {
        addEvents(events);
        version++;
      } finally {
        lock.writeLock().unlock();
      }
    }
  }

  /** Brings the state level with the knowledge base; called with both stores' write locks held. */
  private void catchUp(long itemSequence, long eventSequence) {
    // On a shared engine, sequence numbers count this instance's changes only: they do not say what the
    // graph (fresh, or read from its file) holds of the shared data, so it reads everything again.
    boolean shared = kb.engineCapabilities().contains(EngineCapability.SHARED);
    if (shared || state.itemSequence != itemSequence) {
      long started = System.nanoTime();
      state.items.clear();
      kb.forEachItem(item -> state.items.put(item.id(), ItemFacts.of(item)));
      LOG.info("graph item facts read again from the item store (graph at sequence {}, knowledge base at {}) in {} ms",
          state.itemSequence, itemSequence, (System.nanoTime() - started) / 1_000_000);
      state.itemSequence = itemSequence;
    }
    if (shared || state.eventSequence != eventSequence) {
      long started = System.nanoTime();
      if (shared || state.eventSequence > eventSequence) {
        state.clearEvents(); // the knowledge base lost events the graph had seen, or cannot say: start again
      }
      long after = state.eventSequence;
      List<UsageEventType> types = new ArrayList<>();
      eventRules.keySet().forEach(t -> types.add(UsageEventType.of(t)));
      kb.events().scan(EventQuery.builder().types(types.toArray(UsageEventType[]::new)).build(), row -> {
        if (row.sequence() > after && row.itemId() != null) {
          addEvent(row.type(), row.userId(), row.itemId());
        }
      });
      LOG.info("graph caught up on events {} to {} in {} ms", after + 1, eventSequence,
          (System.nanoTime() - started) / 1_000_000);
      state.eventSequence = eventSequence;
    }
  }

  private void addEvents(List<UsageEvent> events) {
    for (UsageEvent e : events) {
      if (e.itemId() != null) {
        addEvent(e.type().name(), e.principal().userId(), e.itemId());
      }
    }
  }

  private void addEvent(String type, String userId, String itemId) {
    EventRule rule = eventRules.get(type);
    if (rule != null) {
      state.addEventEdge(Node.of(NodeType.PERSON, userId), rule.type(), Node.of(NodeType.ITEM, itemId), rule.weight());
    }
  }

  private Optional<ItemFacts> visibleFacts(Principal principal, String itemId) {
    lock.readLock().lock();
    try {
      ItemFacts f = state.items.get(itemId);
      return f != null && f.status() != ItemStatus.DRAFT && f.acl().permits(principal) ? Optional.of(f) : Optional.empty();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The knowledge base this graph follows.
   *
   * @return the knowledge base
   */
  public KnowledgeBase knowledgeBase() {
    return kb;
  }

  /**
   * Configures a {@link KnowledgeGraph}. Not thread-safe.
   */
  public static final class Builder {
    private final KnowledgeBase kb;
    private Path directory;
    private final Map<String, EventRule> eventRules = new HashMap<>();

    private Builder(KnowledgeBase kb) {
      this.kb = kb;
      for (UsageEventType t : List.of(UsageEventType.VIEW, UsageEventType.CLICK, UsageEventType.RATE)) {
        eventRules.put(t.name(), new EventRule(EdgeType.USED, 1));
      }
      for (UsageEventType t : List.of(UsageEventType.HELPFUL, UsageEventType.PUSH_ACCEPTED)) {
        eventRules.put(t.name(), new EventRule(EdgeType.USED, 2));
      }
      for (UsageEventType t : List.of(UsageEventType.REUSE, UsageEventType.ACCEPTED)) {
        eventRules.put(t.name(), new EventRule(EdgeType.USED, 3));
      }
      eventRules.put(UsageEventType.ANSWERED.name(), new EventRule(EdgeType.ANSWERED, 1));
      eventRules.put(UsageEventType.VERIFY.name(), new EventRule(EdgeType.VERIFIED, 1));
    }

    /**
     * Keeps the graph in a directory (its own, or a subdirectory of the knowledge base's); without one
     * the graph lives in memory and is rebuilt from the knowledge base when opened again.
     *
     * @param dir the directory, created if missing
     * @return this builder
     * @throws ValidationException if the directory is missing
     */
    public Builder directory(Path dir) {
      this.directory = Checks.present("directory", dir);
      return this;
    }

    /**
     * What a usage event of a type adds: its weight to an edge of a type from the person to the item.
     * Replaces the default for that event type (see the class comment).
     *
     * @param eventType the event type
     * @param edgeType the edge it draws
     * @param weight the weight each event adds, finite and greater than 0
     * @return this builder
     * @throws ValidationException if a part is missing or the weight is out of range
     */
    public Builder eventEdge(UsageEventType eventType, EdgeType edgeType, double weight) {
      Checks.present("eventType", eventType);
      Checks.present("edgeType", edgeType);
      if (!(weight > 0) || Double.isInfinite(weight)) {
        throw new ValidationException("weight", weight, "finite and greater than 0");
      }
      eventRules.put(eventType.name(), new EventRule(edgeType, weight));
      return this;
    }

    /**
     * Makes events of a type draw no edge.
     *
     * @param eventType the event type
     * @return this builder
     * @throws ValidationException if the type is missing
     */
    public Builder ignoreEvents(UsageEventType eventType) {
      eventRules.remove(Checks.present("eventType", eventType).name());
      return this;
    }

    /**
     * Opens the graph: reads its last commit (if it has a directory) and catches up with the knowledge base.
     *
     * @return the graph; close it before the knowledge base
     * @throws ZhikuException if the graph's file is damaged or cannot be read
     */
    public KnowledgeGraph build() {
      try {
        return new KnowledgeGraph(this);
      } catch (UncheckedIOException e) {
        throw new StorageException("cannot open the graph in " + directory + ": " + e.getCause(), e);
      }
    }
  }
}
