package io.zhiku.graph.expert;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SimilarItem;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.graph.EdgeDirection;
import io.zhiku.graph.GraphSnapshot;
import io.zhiku.graph.KnowledgeGraph;
import io.zhiku.graph.Node;
import io.zhiku.graph.NodeType;
import io.zhiku.graph.algo.PageRank;
import io.zhiku.graph.internal.GraphAccess;
import io.zhiku.graph.internal.GraphQueries;
import io.zhiku.graph.internal.ItemFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the people who know about a topic, from evidence, each with the evidence that put them there.
 *
 * <p>A question first becomes <em>relevant items</em>, each with a relevance from 0 to 1: for concepts,
 * the items about them or a narrower concept (relevance: the share of the asked concepts an item is
 * about; at most {@value #MAX_ITEMS}, the most relevant and newest); for a text, the items most like it ({@link
 * KnowledgeBase#similarToText}: relevance = score / best score, at most {@value #MAX_ITEMS} items). Then, for each relevant item
 * {@code i} with relevance {@code r}, evidence of each {@link EvidenceKind} adds {@code weight(kind) ×
 * r^exponent × decay(age)}, where {@code decay = 2^(−age / halfLife)} and the exponent ({@link
 * Builder#relevanceExponent}, default 2) makes loosely related items count little, so that many of them
 * do not outweigh one about the question itself:
 *
 * <ul>
 *   <li>{@link EvidenceKind#AUTHORED}: to each author (age: the item's last change), unless the item is
 *       of a kind whose authors seek rather than know ({@link Builder#seekerKinds}, default {@code question});
 *   <li>{@link EvidenceKind#VERIFIED}: to its verifier (age: the verification);
 *   <li>{@link EvidenceKind#ACCEPTED_ANSWER}: per {@code accepted} event on it, to its authors;
 *   <li>{@link EvidenceKind#ANSWERED}: per {@code answered} event on it, to the one who answered;
 *   <li>{@link EvidenceKind#USED_BY_OTHERS}: per reuse, helpful vote or accepted push of it by someone
 *       not among its authors, to its authors (views and clicks count a fifth);
 *   <li>{@link EvidenceKind#PROXIMITY}: personalised PageRank from the relevant items over the asker's
 *       graph (edges both ways, 12 iterations), the share it leaves on each person, scaled so the closest person
 *       gets the whole weight.
 * </ul>
 *
 * <p><b>Access.</b> Everything is computed for the asking principal: only items they may read (and not
 * drafts) are relevant, events are read only for those items, the walk runs on {@link
 * KnowledgeGraph#snapshot(Principal)}; a hidden item never counts and is never named. The asker is never
 * among the experts. Events count once visible to the knowledge base's event scans (after a refresh).
 *
 * <p>Thread-safe: immutable once built; each call reads the graph and the knowledge base as they are.
 */
public final class ExpertFinder {
  /** The most relevant items one question uses. */
  public static final int MAX_ITEMS = 1_000;
  /** The most items like a question's text that become relevant items. */
  public static final int MAX_TEXT_ITEMS = 200;
  /** The most experts one answer holds. */
  public static final int MAX_LIMIT = 100;
  /** How many pieces of evidence each expert carries (the strongest; the score counts them all). */
  public static final int EVIDENCE_SHOWN = 5;

  /** Proximity: personalised PageRank from the relevant items, along edges both ways. */
  private static final PageRank WALK = PageRank.builder().direction(EdgeDirection.BOTH).iterations(12).build();
  private static final Set<String> STRONG_USE = Set.of(UsageEventType.REUSE.name(), UsageEventType.HELPFUL.name(),
      UsageEventType.PUSH_ACCEPTED.name());
  private static final List<UsageEventType> EVIDENCE_EVENTS = List.of(UsageEventType.ACCEPTED, UsageEventType.ANSWERED,
      UsageEventType.REUSE, UsageEventType.HELPFUL, UsageEventType.PUSH_ACCEPTED, UsageEventType.VIEW, UsageEventType.CLICK);
  private static final Set<String> WEAK_USE = Set.of(UsageEventType.VIEW.name(), UsageEventType.CLICK.name());

  private final KnowledgeGraph graph;
  private final Clock clock;
  private final Duration halfLife;
  private final Map<EvidenceKind, Double> weights;
  private final int searchItems;
  private final Set<String> seekerKinds;
  private final double relevanceExponent;

  private ExpertFinder(Builder b) {
    this.seekerKinds = Set.copyOf(b.seekerKinds);
    this.graph = b.graph;
    this.clock = b.clock;
    this.halfLife = b.halfLife;
    this.weights = new EnumMap<>(b.weights);
    this.searchItems = b.searchItems;
    this.relevanceExponent = b.relevanceExponent;
  }

  /**
   * Starts configuring an expert finder over a graph.
   *
   * @param graph the knowledge graph (and through it, its knowledge base)
   * @return a builder
   * @throws ValidationException if the graph is missing
   */
  public static Builder builder(KnowledgeGraph graph) {
    return new Builder(Checks.present("graph", graph));
  }

  /**
   * The experts on concepts (and the concepts narrower than them).
   *
   * @param asker who is asking; only what they may read counts
   * @param conceptIds the concepts, 1 to 256
   * @param limit how many experts at most, 1 to {@value #MAX_LIMIT}
   * @return the experts, best first, each with its strongest evidence
   * @throws ValidationException if a part is missing or out of range
   */
  public List<Expert> forConcepts(Principal asker, Collection<String> conceptIds, int limit) {
    Checks.present("asker", asker);
    Set<String> concepts = Checks.ids("conceptIds", conceptIds, 256);
    if (concepts.isEmpty()) {
      throw new ValidationException("conceptIds", conceptIds, "at least one concept");
    }
    checkLimit(limit);
    return rank(asker, conceptItems(asker, concepts), limit);
  }

  /**
   * The experts on a question, from the items most like its text.
   *
   * @param asker who is asking
   * @param question the question's text, short or long: at most {@value io.zhiku.core.event.WorkContext#MAX_TEXT_CHARS}
   *     characters
   * @param limit how many experts at most, 1 to {@value #MAX_LIMIT}
   * @return the experts, best first
   * @throws ValidationException if a part is missing, the text is blank or too long, or the limit is out of range
   */
  public List<Expert> forQuestion(Principal asker, String question, int limit) {
    Checks.present("asker", asker);
    Checks.workText("question", question);
    checkLimit(limit);
    return rank(asker, textItems(asker, question), limit);
  }

  /**
   * The experts for a moment of work: the context's concepts and, if it has one, its text; the person in
   * the context is the asker.
   *
   * @param context where the person is
   * @param limit how many experts at most, 1 to {@value #MAX_LIMIT}
   * @return the experts, best first (none if the context has neither concepts nor text)
   * @throws ValidationException if the context is missing or the limit is out of range
   */
  public List<Expert> forContext(WorkContext context, int limit) {
    Checks.present("context", context);
    checkLimit(limit);
    Principal asker = context.principal();
    Map<String, Double> items = context.concepts().isEmpty() ? new HashMap<>() : conceptItems(asker, context.concepts());
    if (context.text() != null && !context.text().isBlank()) {
      textItems(asker, context.text()).forEach((id, r) -> items.merge(id, r, Math::max));
    }
    return items.isEmpty() ? List.of() : rank(asker, items, limit);
  }

  /**
   * How much one piece of evidence of a kind weighs in this finder ({@link Builder#weight}).
   *
   * @param kind the kind
   * @return its weight, 0 if the kind is off
   * @throws ValidationException if the kind is missing
   */
  public double weight(EvidenceKind kind) {
    return weights.get(Checks.present("kind", kind));
  }

  /**
   * How fast evidence fades in this finder ({@link Builder#halfLife}).
   *
   * @return the age at which evidence counts half
   */
  public Duration halfLife() {
    return halfLife;
  }

  /**
   * The power relevance is raised to in this finder ({@link Builder#relevanceExponent}).
   *
   * @return the exponent
   */
  public double relevanceExponent() {
    return relevanceExponent;
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit", limit, "1 to " + MAX_LIMIT);
    }
  }

  /**
   * The readable, non-draft items about the concepts or narrower ones; relevance: the share of the
   * concepts (each with its narrower ones) an item is about. The most relevant first, then the newest.
   */
  private Map<String, Double> conceptItems(Principal asker, Set<String> concepts) {
    Taxonomy taxonomy = graph.knowledgeBase().taxonomy();
    GraphSnapshot g = graph.snapshot(asker);
    Map<String, Integer> matched = new HashMap<>();
    for (String c : concepts) {
      Set<String> items = new java.util.HashSet<>();
      for (String concept : GraphQueries.withNarrower(taxonomy, c)) {
        items.addAll(GraphQueries.itemsAbout(g, concept));
      }
      items.forEach(id -> matched.merge(id, 1, Integer::sum));
    }
    Map<String, Long> updated = new HashMap<>();
    for (String id : matched.keySet()) {
      GraphAccess.visibleFacts(graph, asker, id).ifPresent(f -> updated.put(id, f.updatedMillis()));
    }
    Map<String, Double> out = new LinkedHashMap<>();
    updated.keySet().stream()
        .sorted(Comparator.<String>comparingInt(matched::get).reversed()
            .thenComparing(Comparator.<String>comparingLong(updated::get).reversed()).thenComparing(Comparator.naturalOrder()))
        .limit(MAX_ITEMS)
        .forEach(id -> out.put(id, (double) matched.get(id) / concepts.size()));
    return out;
  }

  /** The readable, non-draft items most like the text, relevance relative to the best. */
  private Map<String, Double> textItems(Principal asker, String text) {
    List<SimilarItem> hits = graph.knowledgeBase().similarToText(asker, text, searchItems);
    Map<String, Double> items = new LinkedHashMap<>();
    double best = hits.isEmpty() ? 0 : hits.get(0).score();
    for (SimilarItem h : hits) {
      if (best > 0 && GraphAccess.visibleFacts(graph, asker, h.item().id()).isPresent()) {
        items.merge(h.item().id(), h.score() / best, Math::max);
      }
    }
    return items;
  }

  private List<Expert> rank(Principal asker, Map<String, Double> found, int limit) {
    long now = clock.millis();
    Map<String, Double> relevant = new HashMap<>(found.size() * 2);
    found.forEach((id, r) -> relevant.put(id, Math.pow(r, relevanceExponent)));
    Map<String, List<Evidence>> evidence = new HashMap<>();
    Map<String, ItemFacts> facts = new HashMap<>();
    for (Map.Entry<String, Double> e : relevant.entrySet()) {
      GraphAccess.visibleFacts(graph, asker, e.getKey()).ifPresent(f -> facts.put(f.id(), f));
    }
    for (ItemFacts f : facts.values()) {
      double r = relevant.get(f.id());
      if (!seekerKinds.contains(f.kind())) {
        for (String author : f.authors()) {
          add(evidence, author, EvidenceKind.AUTHORED, f, f.updatedMillis(), r, now);
        }
      }
      if (f.verifiedBy() != null) {
        add(evidence, f.verifiedBy(), EvidenceKind.VERIFIED, f, f.verifiedMillis(), r, now);
      }
    }
    GraphQueries.scanItemEvents(graph.knowledgeBase(), new ArrayList<>(facts.keySet()), null, EVIDENCE_EVENTS, row -> {
      ItemFacts f = facts.get(row.itemId());
      double r = relevant.get(f.id());
      String type = row.type();
      if (type.equals(UsageEventType.ACCEPTED.name())) {
        for (String author : f.authors()) {
          add(evidence, author, EvidenceKind.ACCEPTED_ANSWER, f, row.timeMillis(), r, now);
        }
      } else if (type.equals(UsageEventType.ANSWERED.name())) {
        add(evidence, row.userId(), EvidenceKind.ANSWERED, f, row.timeMillis(), r, now);
      } else if (!f.authors().contains(row.userId())) {
        double share = STRONG_USE.contains(type) ? 1 : WEAK_USE.contains(type) ? 0.2 : 0;
        for (String author : f.authors()) {
          add(evidence, author, EvidenceKind.USED_BY_OTHERS, f, row.timeMillis(), r * share, now);
        }
      }
    });
    proximity(asker, relevant, evidence);
    evidence.remove(asker.userId());
    List<Expert> experts = new ArrayList<>(evidence.size());
    evidence.forEach((person, list) -> {
      double score = 0;
      for (Evidence e : list) {
        score += e.weight();
      }
      if (score > 0) {
        list.sort(Comparator.comparingDouble(Evidence::weight).reversed());
        experts.add(new Expert(person, score, List.copyOf(list.subList(0, Math.min(EVIDENCE_SHOWN, list.size())))));
      }
    });
    experts.sort(Comparator.comparingDouble(Expert::score).reversed().thenComparing(Expert::userId));
    return List.copyOf(experts.subList(0, Math.min(limit, experts.size())));
  }

  private void add(Map<String, List<Evidence>> evidence, String person, EvidenceKind kind, ItemFacts f, long atMillis,
      double relevance, long now) {
    double w = weights.get(kind) * relevance * decay(now, atMillis);
    if (w > 0) {
      evidence.computeIfAbsent(person, p -> new ArrayList<>())
          .add(new Evidence(kind, f.id(), f.title(), atMillis == 0 ? null : Instant.ofEpochMilli(atMillis), w));
    }
  }

  private double decay(long now, long atMillis) {
    if (atMillis == 0) {
      return 1;
    }
    double age = Math.max(0, now - atMillis);
    return Math.pow(2, -age / halfLife.toMillis());
  }

  /** Personalised PageRank from the relevant items, both ways along edges, on the asker's graph. */
  private void proximity(Principal asker, Map<String, Double> relevant, Map<String, List<Evidence>> evidence) {
    double weight = weights.get(EvidenceKind.PROXIMITY);
    if (weight == 0) {
      return;
    }
    GraphSnapshot g = graph.snapshot(asker);
    Map<Node, Double> restart = new HashMap<>();
    relevant.forEach((id, r) -> {
      Node item = Node.of(NodeType.ITEM, id);
      if (r > 0 && g.indexOf(item) >= 0) {
        restart.put(item, r);
      }
    });
    if (restart.isEmpty()) {
      return;
    }
    double[] x = WALK.personalised(g, restart).toArray();
    int n = g.nodeCount();
    double top = 0;
    for (int v = 0; v < n; v++) {
      if (g.nodeType(v).equals(NodeType.PERSON)) {
        top = Math.max(top, x[v]);
      }
    }
    if (top == 0) {
      return;
    }
    for (int v = 0; v < n; v++) {
      if (x[v] > 0 && g.nodeType(v).equals(NodeType.PERSON)) {
        evidence.computeIfAbsent(g.node(v).id(), p -> new ArrayList<>())
            .add(new Evidence(EvidenceKind.PROXIMITY, null, null, null, weight * x[v] / top));
      }
    }
  }

  /** What can put a person among the experts. */
  public enum EvidenceKind {
    /** They wrote a relevant item. */
    AUTHORED,
    /** An answer they wrote to a relevant question was accepted. */
    ACCEPTED_ANSWER,
    /** They verified a relevant item. */
    VERIFIED,
    /** They answered a relevant question. */
    ANSWERED,
    /** Others reused, voted helpful or accepted a push of a relevant item they wrote. */
    USED_BY_OTHERS,
    /** They are close, in the graph, to the relevant items. */
    PROXIMITY
  }

  /**
   * One piece of evidence.
   *
   * @param kind what it is
   * @param itemId the item it is about, or {@code null} for {@link EvidenceKind#PROXIMITY}
   * @param itemTitle that item's title, or {@code null}
   * @param at when it happened, or {@code null} if undated
   * @param weight what it added to the score, after relevance and decay
   */
  public record Evidence(EvidenceKind kind, String itemId, String itemTitle, Instant at, double weight) {}

  /**
   * A person and why they are an expert.
   *
   * @param userId the person
   * @param score the sum of all their evidence's weights
   * @param evidence their strongest evidence, at most {@value ExpertFinder#EVIDENCE_SHOWN} pieces, strongest first
   */
  public record Expert(String userId, double score, List<Evidence> evidence) {}

  /** Configures an {@link ExpertFinder}. Not thread-safe. */
  public static final class Builder {
    private final KnowledgeGraph graph;
    private Clock clock = Clock.systemUTC();
    private Duration halfLife = Duration.ofDays(180);
    private final Map<EvidenceKind, Double> weights = new EnumMap<>(EvidenceKind.class);
    private int searchItems = 50;
    private Set<String> seekerKinds = Set.of("question");
    private double relevanceExponent = 2;

    private Builder(KnowledgeGraph graph) {
      this.graph = graph;
      weights.put(EvidenceKind.AUTHORED, 1.0);
      weights.put(EvidenceKind.ACCEPTED_ANSWER, 2.0);
      weights.put(EvidenceKind.VERIFIED, 1.0);
      weights.put(EvidenceKind.ANSWERED, 0.5);
      weights.put(EvidenceKind.USED_BY_OTHERS, 0.25);
      weights.put(EvidenceKind.PROXIMITY, 0.5);
    }

    /**
     * @param c where "now" comes from, for the decay
     * @return this builder
     */
    public Builder clock(Clock c) {
      this.clock = Checks.present("clock", c);
      return this;
    }

    /**
     * How fast evidence fades: evidence this old counts half. Default 180 days (chosen with the weights and
     * the relevance exponent; see {@link #relevanceExponent}).
     *
     * @param d the half-life, at least one hour
     * @return this builder
     * @throws ValidationException if it is missing or shorter than an hour
     */
    public Builder halfLife(Duration d) {
      Checks.present("halfLife", d);
      if (d.compareTo(Duration.ofHours(1)) < 0) {
        throw new ValidationException("halfLife", d, "at least PT1H");
      }
      this.halfLife = d;
      return this;
    }

    /**
     * How much one piece of evidence of a kind weighs (defaults: authored 1, accepted answer 2, verified
     * 1, answered 0.5, used by others 0.25, proximity 0.5). 0 turns the kind off.
     *
     * @param kind the kind
     * @param weight from 0 to 1,000
     * @return this builder
     * @throws ValidationException if the kind is missing or the weight out of range
     */
    public Builder weight(EvidenceKind kind, double weight) {
      Checks.present("kind", kind);
      if (!(weight >= 0 && weight <= 1000)) {
        throw new ValidationException("weight", weight, "0 to 1000");
      }
      weights.put(kind, weight);
      return this;
    }

    /**
     * How sharply evidence fades with its item's relevance: relevance (from 0 to 1) is raised to this power
     * before it multiplies the evidence's weight. 1 weighs it as it is; at 2, the default, an item half as
     * relevant as the best counts a quarter, so that someone with much loosely related work does not
     * outrank the person whose work is about the question (the proximity walk starts from the relevant
     * items weighed alike). The defaults (exponent 2, half-life 180 days, the weights above) were chosen
     * together by the benchmarks' {@code ExpertTuning}: exponents 1, 2 and 4, on the tuning window of two
     * Stack Exchange sites, changed only on a gain of 5% or more.
     *
     * @param exponent from 0.25 to 8
     * @return this builder
     * @throws ValidationException if out of range
     */
    public Builder relevanceExponent(double exponent) {
      if (!(exponent >= 0.25 && exponent <= 8)) {
        throw new ValidationException("relevanceExponent", exponent, "0.25 to 8");
      }
      this.relevanceExponent = exponent;
      return this;
    }

    /**
     * How many items like a question's text become relevant items. Default 50.
     *
     * @param n 1 to {@value ExpertFinder#MAX_TEXT_ITEMS}
     * @return this builder
     * @throws ValidationException if out of range
     */
    public Builder searchItems(int n) {
      if (n < 1 || n > MAX_TEXT_ITEMS) {
        throw new ValidationException("searchItems", n, "1 to " + MAX_TEXT_ITEMS);
      }
      this.searchItems = n;
      return this;
    }

    /**
     * The kinds of item whose authors are asking rather than knowing: writing one is no {@link
     * EvidenceKind#AUTHORED} evidence (its answers and uses still are evidence for their own authors).
     * Default: {@code question}.
     *
     * @param kinds the kinds, at most 64
     * @return this builder
     * @throws ValidationException if a kind is missing or there are too many
     */
    public Builder seekerKinds(ItemKind... kinds) {
      Checks.count("seekerKinds", Checks.present("seekerKinds", kinds).length, 64);
      Set<String> names = new java.util.HashSet<>();
      for (ItemKind k : kinds) {
        names.add(Checks.present("seekerKinds[]", k).name());
      }
      this.seekerKinds = names;
      return this;
    }

    /**
     * Builds the finder.
     *
     * @return the finder
     */
    public ExpertFinder build() {
      return new ExpertFinder(this);
    }
  }
}
