package io.zhiku.graph.map;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.graph.EdgeDirection;
import io.zhiku.graph.EdgeType;
import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.KnowledgeGraph;
import io.zhiku.graph.Node;
import io.zhiku.graph.NodeType;
import io.zhiku.graph.expert.ExpertFinder;
import io.zhiku.graph.internal.GraphAccess;
import io.zhiku.graph.internal.GraphQueries;
import io.zhiku.graph.internal.ItemFacts;
import io.zhiku.graph.map.KnowledgeMap.MapEdge;
import io.zhiku.graph.map.KnowledgeMap.MapNode;
import io.zhiku.graph.map.KnowledgeMap.Section;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Knowledge maps for a concept, a customer or a moment of work (role and stage), for one viewer:
 *
 * <ul>
 *   <li><b>static</b>: the subject; for a concept its broader concepts up to the top and its narrower ones
 *       (two levels), for a customer what it needs and the partners offering it; the verified, published
 *       items about the subject, newest verification first;
 *   <li><b>dynamic</b>: <em>hot</em> items (most used — views, clicks, reuses, helpful votes, accepted
 *       pushes — within the window), <em>new</em> items (created within the window) and the active
 *       experts ({@link ExpertFinder}).
 * </ul>
 *
 * <p>Only what the viewer may read is on a map: items are checked against their access rule, uses are
 * counted only for readable items, experts come from the viewer's own evidence. Stateless and
 * thread-safe.
 */
public final class KnowledgeMaps {
  /** The most items or experts in each part of a map. */
  public static final int MAX_PER_PART = 50;
  private static final int NARROWER_LEVELS = 2;
  private static final Set<UsageEventType> USES = Set.of(UsageEventType.VIEW, UsageEventType.CLICK, UsageEventType.REUSE,
      UsageEventType.HELPFUL, UsageEventType.PUSH_ACCEPTED);

  private final KnowledgeGraph graph;
  private final ExpertFinder experts;
  private final Clock clock;
  private final Duration window;
  private final int perPart;
  private final String language;

  private KnowledgeMaps(Builder b) {
    this.language = b.language;
    this.graph = b.graph;
    this.clock = b.clock;
    this.window = b.window;
    this.perPart = b.perPart;
    this.experts = ExpertFinder.builder(b.graph).clock(b.clock).build();
  }

  /**
   * Starts configuring the maps of a graph.
   *
   * @param graph the knowledge graph
   * @return a builder
   * @throws ValidationException if the graph is missing
   */
  public static Builder builder(KnowledgeGraph graph) {
    return new Builder(Checks.present("graph", graph));
  }

  /**
   * The map of a concept of the taxonomy.
   *
   * @param viewer who will see it
   * @param conceptId the concept
   * @return the map
   * @throws ValidationException if a part is missing or the concept is not in the taxonomy
   */
  public KnowledgeMap forConcept(Principal viewer, String conceptId) {
    Checks.present("viewer", viewer);
    Checks.id("conceptId", conceptId);
    Taxonomy t = graph.knowledgeBase().taxonomy();
    if (!t.contains(conceptId)) {
      throw new ValidationException("conceptId", conceptId, "a concept of the taxonomy");
    }
    Draft d = new Draft(conceptNode(t, conceptId, Section.STATIC, "subject"));
    hierarchy(d, t, conceptId);
    addItemsAndExperts(d, viewer, GraphQueries.withNarrower(t, conceptId), d.root);
    return d.build("Knowledge map: " + label(t, conceptId));
  }

  /**
   * The map of a customer: what it needs, the partners that offer it, the solutions and experts for it.
   *
   * @param viewer who will see it
   * @param customerId the customer, as put with {@link KnowledgeGraph#putCustomer}
   * @return the map
   * @throws ValidationException if a part is missing or the graph holds no such customer
   */
  public KnowledgeMap forCustomer(Principal viewer, String customerId) {
    Checks.present("viewer", viewer);
    Node customer = Node.of(NodeType.CUSTOMER, customerId);
    GraphSnapshot g = graph.snapshot(viewer);
    int c = g.indexOf(customer);
    if (c < 0) {
      throw new ValidationException("customerId", customerId, "a customer of the graph");
    }
    Map<String, String> props = graph.properties(viewer, customer);
    Draft d = new Draft(new MapNode(customer.toString(), NodeType.CUSTOMER.name(), props.getOrDefault("name", customerId),
        Section.STATIC, "subject", props));
    Taxonomy t = graph.knowledgeBase().taxonomy();
    Set<String> concepts = new LinkedHashSet<>();
    List<Node> needs = new ArrayList<>();
    g.forEachEdge(c, EdgeDirection.OUT, (other, type, w) -> {
      if (type.equals(EdgeType.NEEDS)) {
        needs.add(g.node(other));
      }
    });
    for (Node need : needs) {
      MapNode n = need.type().equals(NodeType.CONCEPT) ? conceptNode(t, need.id(), Section.STATIC, "need")
          : new MapNode(need.toString(), need.type().name(), label(viewer, need), Section.STATIC, "need", Map.of());
      d.node(n);
      d.edge(d.root.id(), n.id(), EdgeType.NEEDS.name());
      if (need.type().equals(NodeType.CONCEPT)) {
        concepts.addAll(GraphQueries.withNarrower(t, need.id()));
      }
      int v = g.indexOf(need);
      g.forEachEdge(v, EdgeDirection.IN, (other, type, w) -> {
        Node partner = g.node(other);
        if (type.equals(EdgeType.OFFERS) && partner.type().equals(NodeType.PARTNER)) {
          Map<String, String> pp = graph.properties(viewer, partner);
          d.node(new MapNode(partner.toString(), NodeType.PARTNER.name(), pp.getOrDefault("name", partner.id()), Section.STATIC,
              "partner", pp));
          d.edge(partner.toString(), n.id(), EdgeType.OFFERS.name());
        }
      });
    }
    if (!concepts.isEmpty()) {
      addItemsAndExperts(d, viewer, concepts, d.root);
    }
    return d.build("Knowledge map: " + d.root.label());
  }

  /**
   * The map of a moment of work: the context's concepts (with their hierarchy), the items hot among
   * people in the same role or at the same stage, new items and experts for the context.
   *
   * @param context where the viewer (the context's principal) is
   * @return the map
   * @throws ValidationException if the context is missing or has no role, stage nor concept
   */
  public KnowledgeMap forContext(WorkContext context) {
    Checks.present("context", context);
    if (context.role() == null && context.stage() == null && context.concepts().isEmpty()) {
      throw new ValidationException("context", context, "a role, a stage or concepts");
    }
    Principal viewer = context.principal();
    Taxonomy t = graph.knowledgeBase().taxonomy();
    List<String> parts = nonNull(context.role(), context.stage());
    String subject = parts.isEmpty() ? "work" : String.join(" / ", parts);
    Draft d = new Draft(new MapNode("context", "context", subject, Section.STATIC, "subject", Map.of()));
    Set<String> subtree = new LinkedHashSet<>();
    for (String c : context.concepts()) {
      MapNode n = conceptNode(t, c, Section.STATIC, "concept");
      d.node(n);
      d.edge(d.root.id(), n.id(), EdgeType.ABOUT.name());
      subtree.addAll(GraphQueries.withNarrower(t, c));
    }
    Instant from = clock.instant().minus(window);
    Map<String, Integer> uses = new HashMap<>();
    graph.knowledgeBase().events().scan(EventQuery.builder().window(from, null).types(USES.toArray(UsageEventType[]::new)).build(),
        row -> {
          boolean sameRole = context.role() != null && context.role().equals(row.contextRole());
          boolean sameStage = context.stage() != null && context.stage().equals(row.contextStage());
          if (row.itemId() != null && (sameRole || sameStage)) {
            uses.merge(row.itemId(), 1, Integer::sum);
          }
        });
    hot(d, viewer, uses, d.root.id());
    if (!subtree.isEmpty()) {
      addItemsAndExperts(d, viewer, subtree, d.root);
    } else {
      experts.forContext(context, perPart).forEach(e -> expert(d, e, d.root.id()));
    }
    return d.build("Knowledge map: " + subject);
  }

  private static List<String> nonNull(String... values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  /** The broader concepts up to the top and the narrower ones, two levels down. */
  private void hierarchy(Draft d, Taxonomy t, String conceptId) {
    List<String> frontier = List.of(conceptId);
    Set<String> seen = new HashSet<>(frontier);
    while (!frontier.isEmpty()) { // up: a concept may have several broader ones
      List<String> next = new ArrayList<>();
      for (String c : frontier) {
        for (String b : t.broader(c)) {
          d.node(conceptNode(t, b, Section.STATIC, "broader"));
          d.edge("concept:" + c, "concept:" + b, EdgeType.BROADER.name());
          if (seen.add(b)) {
            next.add(b);
          }
        }
      }
      frontier = next;
    }
    frontier = List.of(conceptId);
    for (int level = 0; level < NARROWER_LEVELS; level++) {
      List<String> next = new ArrayList<>();
      for (String c : frontier) {
        for (String n : t.narrower(c)) {
          d.node(conceptNode(t, n, Section.STATIC, "narrower"));
          d.edge("concept:" + n, "concept:" + c, EdgeType.BROADER.name());
          next.add(n);
        }
      }
      frontier = next;
    }
  }

  /** Verified, new and hot items about the concepts, and the experts on them. */
  private void addItemsAndExperts(Draft d, Principal viewer, Set<String> concepts, MapNode anchor) {
    GraphSnapshot g = graph.snapshot(viewer);
    Map<String, ItemFacts> items = new LinkedHashMap<>();
    for (String c : concepts) {
      for (String id : GraphQueries.itemsAbout(g, c)) {
        GraphAccess.visibleFacts(graph, viewer, id).ifPresent(f -> items.put(f.id(), f));
      }
    }
    items.values().stream().filter(f -> f.status() == ItemStatus.PUBLISHED && f.verifiedBy() != null)
        .sorted(Comparator.comparingLong(ItemFacts::verifiedMillis).reversed().thenComparing(ItemFacts::id))
        .limit(perPart)
        .forEach(f -> d.item(f, Section.STATIC, "verified", Map.of("verifiedBy", f.verifiedBy()), anchor.id()));
    long from = clock.instant().minus(window).toEpochMilli();
    items.values().stream().filter(f -> f.createdMillis() >= from)
        .sorted(Comparator.comparingLong(ItemFacts::createdMillis).reversed().thenComparing(ItemFacts::id))
        .limit(perPart)
        .forEach(f -> d.item(f, Section.DYNAMIC, "new", Map.of("created", Instant.ofEpochMilli(f.createdMillis()).toString()),
            anchor.id()));
    Map<String, Integer> uses = new HashMap<>();
    GraphQueries.scanItemEvents(graph.knowledgeBase(), new ArrayList<>(items.keySet()), clock.instant().minus(window), USES,
        row -> uses.merge(row.itemId(), 1, Integer::sum));
    hot(d, viewer, uses, anchor.id());
    experts.forConcepts(viewer, concepts, perPart).forEach(e -> expert(d, e, anchor.id()));
  }

  /** The most used readable items. */
  private void hot(Draft d, Principal viewer, Map<String, Integer> uses, String anchor) {
    Map<String, ItemFacts> readable = new HashMap<>();
    uses.keySet().forEach(id -> GraphAccess.visibleFacts(graph, viewer, id).ifPresent(f -> readable.put(id, f)));
    uses.entrySet().stream()
        .filter(e -> readable.containsKey(e.getKey()))
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(perPart)
        .forEach(e -> d.item(readable.get(e.getKey()), Section.DYNAMIC, "hot", Map.of("uses", Integer.toString(e.getValue())), anchor));
  }

  private static void expert(Draft d, ExpertFinder.Expert e, String anchor) {
    String id = Node.of(NodeType.PERSON, e.userId()).toString();
    d.node(new MapNode(id, NodeType.PERSON.name(), e.userId(), Section.DYNAMIC, "expert",
        Map.of("score", String.format(java.util.Locale.ROOT, "%.3f", e.score()), "evidence", Integer.toString(e.evidence().size()))));
    d.edge(id, anchor, "expert-on");
  }

  private MapNode conceptNode(Taxonomy t, String conceptId, Section section, String role) {
    return new MapNode("concept:" + conceptId, NodeType.CONCEPT.name(), label(t, conceptId), section, role, Map.of());
  }

  private String label(Taxonomy t, String conceptId) {
    return t.concept(conceptId).map(c -> c.prefLabel(language)).orElse(conceptId);
  }

  private String label(Principal viewer, Node node) {
    Map<String, String> p = graph.properties(viewer, node);
    return p.getOrDefault("title", p.getOrDefault("name", node.id()));
  }

  /** A map being put together: nodes by id; an item met twice keeps its first role and gains the figures. */
  private static final class Draft {
    final MapNode root;
    final Map<String, MapNode> nodes = new LinkedHashMap<>();
    final Set<MapEdge> edges = new LinkedHashSet<>();

    Draft(MapNode root) {
      this.root = root;
      nodes.put(root.id(), root);
    }

    void node(MapNode n) {
      nodes.putIfAbsent(n.id(), n);
    }

    void edge(String from, String to, String relation) {
      edges.add(new MapEdge(from, to, relation));
    }

    void item(ItemFacts f, Section section, String role, Map<String, String> attributes, String anchor) {
      Map<String, String> attrs = new LinkedHashMap<>(attributes);
      attrs.put("kind", f.kind());
      MapNode n = new MapNode(f.node().toString(), NodeType.ITEM.name(), f.title(), section, role, attrs);
      MapNode known = nodes.get(n.id());
      if (known != null) { // already on the map (verified and hot...): one node, its first role, all figures
        Map<String, String> merged = new LinkedHashMap<>(known.attributes());
        attrs.forEach(merged::putIfAbsent);
        n = new MapNode(known.id(), known.type(), known.label(), known.section(), known.role(), merged);
      }
      nodes.put(n.id(), n);
      edge(n.id(), anchor, EdgeType.ABOUT.name());
    }

    KnowledgeMap build(String title) {
      return new KnowledgeMap(title, root.id(), List.copyOf(nodes.values()), List.copyOf(edges));
    }
  }

  /** Configures {@link KnowledgeMaps}. Not thread-safe. */
  public static final class Builder {
    private final KnowledgeGraph graph;
    private Clock clock = Clock.systemUTC();
    private Duration window = Duration.ofDays(30);
    private int perPart = 10;
    private String language = "en";

    private Builder(KnowledgeGraph graph) {
      this.graph = graph;
    }

    /**
     * @param c where "now" comes from
     * @return this builder
     */
    public Builder clock(Clock c) {
      this.clock = Checks.present("clock", c);
      return this;
    }

    /**
     * How far back "hot" and "new" look. Default 30 days.
     *
     * @param w the window, one hour to ten years
     * @return this builder
     * @throws ValidationException if out of range
     */
    public Builder window(Duration w) {
      Checks.present("window", w);
      if (w.compareTo(Duration.ofHours(1)) < 0 || w.compareTo(Duration.ofDays(3650)) > 0) {
        throw new ValidationException("window", w, "PT1H to P3650D");
      }
      this.window = w;
      return this;
    }

    /**
     * How many items of each kind (verified, new, hot) and experts a map shows. Default 10.
     *
     * @param n 1 to {@value KnowledgeMaps#MAX_PER_PART}
     * @return this builder
     * @throws ValidationException if out of range
     */
    public Builder perPart(int n) {
      if (n < 1 || n > MAX_PER_PART) {
        throw new ValidationException("perPart", n, "1 to " + MAX_PER_PART);
      }
      this.perPart = n;
      return this;
    }

    /**
     * The language of concept labels on the maps (a concept without a label in it falls back as {@link
     * io.zhiku.core.taxonomy.Concept#prefLabel} says). Default {@code en}.
     *
     * @param tag a BCP 47 tag such as {@code zh} or {@code en}
     * @return this builder
     * @throws ValidationException if the tag is malformed
     */
    public Builder language(String tag) {
      this.language = Checks.language("language", tag);
      return this;
    }

    /**
     * Builds the maps.
     *
     * @return the maps
     */
    public KnowledgeMaps build() {
      return new KnowledgeMaps(this);
    }
  }
}
