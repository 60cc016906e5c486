package io.zhiku.push.internal;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.search.ScoredItem;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.push.Candidate;
import io.zhiku.push.PushContext;
import io.zhiku.push.PushSettings;
import io.zhiku.push.Reason;
import io.zhiku.push.Recommendation;
import io.zhiku.push.Segment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push: asks every enabled recommender, blends, filters and diversifies, as {@link PushSettings}
 * documents. Thread-safe; holds no per-push state.
 */
public final class PushEngine {
  private static final Logger LOG = LoggerFactory.getLogger(PushEngine.class);
  /** The most recommendations one push returns. */
  public static final int MAX_LIMIT = 100;
  /** Up to how many events per candidate a person's whole history is read rather than queried by candidate. */
  static final int WHOLE_HISTORY_PER_CANDIDATE = 50;
  /** Event types that mean the person already used an item. */
  static final Set<String> USED = Set.of("view", "click", "reuse", "push-accepted");
  /** How far back items used in the same project or for the same customer anchor co-usage. */
  static final java.time.Duration ANCHOR_WINDOW = java.time.Duration.ofDays(90);
  /** The deepest a segment ranking is read for readable items. */
  static final int MAX_RANKED = 64_000;

  private final PushSettings settings;
  private final UsageStats stats;
  private final PushBackend backend;

  /**
   * Creates the engine.
   *
   * @param settings the settings
   * @param stats the usage aggregates
   * @param backend the knowledge base
   */
  public PushEngine(PushSettings settings, UsageStats stats, PushBackend backend) {
    this.settings = settings;
    this.stats = stats;
    this.backend = backend;
  }

  /**
   * Pushes.
   *
   * @param work the work context
   * @param limit how many, 1 to {@value #MAX_LIMIT}
   * @return the recommendations, best first
   */
  public List<Recommendation> push(WorkContext work, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit", limit, "must be between 1 and " + MAX_LIMIT);
    }
    Context ctx = new Context(work, backend.now(), backend.taxonomy());
    int want = limit * 3 + 10;
    Map<String, Double> blended = new HashMap<>();
    Map<String, List<Contribution>> reasons = new HashMap<>();
    settings.recommenders().forEach((recommender, weight) -> {
      List<Candidate> candidates;
      try {
        candidates = recommender.recommend(ctx, want);
      } catch (RuntimeException e) {
        LOG.warn("recommender {} failed; this push goes on without it", recommender.name(), e);
        return;
      }
      double best = candidates.stream().mapToDouble(Candidate::score).max().orElse(0);
      double norm = Math.max(best, 1);
      Set<String> seen = new HashSet<>();
      for (Candidate c : candidates) {
        if (!seen.add(c.itemId())) {
          continue;
        }
        double part = weight * c.score() / norm;
        blended.merge(c.itemId(), part, Double::sum);
        reasons.computeIfAbsent(c.itemId(), k -> new ArrayList<>()).add(new Contribution(part, c.reason()));
      }
    });
    List<Map.Entry<String, Double>> ranked = new ArrayList<>(blended.entrySet());
    ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    // Variety picks from twice the limit: the best candidates that the in-memory item table says are
    // published and readable, then that the person did not use, dismiss or see too often, a chunk at a
    // time: each candidate costs the history query a term lookup per segment, and the first chunk usually
    // fills the pool.
    int poolSize = 2 * limit + 5;
    int firstChunk = poolSize + 10;
    List<Pick> pool = new ArrayList<>();
    History whole = null;
    if (!ranked.isEmpty() && backend.countEvents(EventQuery.builder().users(work.principal().userId()).build())
        <= (long) WHOLE_HISTORY_PER_CANDIDATE * firstChunk) {
      whole = history(work.principal(), ctx.now(), null);
    }
    for (int from = 0, chunk = firstChunk; from < ranked.size() && pool.size() < poolSize; chunk *= 2) {
      List<Pick> readable = new ArrayList<>();
      for (Map.Entry<String, Double> e : ranked.subList(from, Math.min(ranked.size(), from + chunk))) {
        Optional<ItemSummary> item = backend.summary(e.getKey());
        if (item.isPresent() && item.get().status() == ItemStatus.PUBLISHED && item.get().acl().permits(work.principal())) {
          readable.add(new Pick(item.get(), e.getValue()));
        }
      }
      from += chunk;
      History history = whole != null ? whole
          : history(work.principal(), ctx.now(), readable.stream().map(p -> p.item().id()).toList());
      for (Pick p : readable) {
        String id = p.item().id();
        if (pool.size() < poolSize && !history.used.contains(id) && !history.dismissed.contains(id)
            && history.shown.getOrDefault(id, 0) < settings.maxShows()) {
          pool.add(p);
        }
      }
    }
    List<Recommendation> out = diversify(pool, limit, reasons, work);
    if (settings.recordShown() && !out.isEmpty()) {
      List<UsageEvent> shown = new ArrayList<>(out.size());
      for (Recommendation r : out) {
        shown.add(UsageEvent.ofItem(UsageEventType.PUSH_SHOWN, ctx.now(), work.principal(), r.item().id()).withContext(work));
      }
      backend.record(shown);
    }
    return out;
  }

  /** A recommender's part of an item's score, with its reason. */
  private record Contribution(double part, Reason reason) {}

  /** A readable candidate and its blended score. */
  private record Pick(ItemSummary item, double score) {}

  /**
   * Greedy: best adjusted score first; each already-picked item sharing a concept multiplies by variety,
   * except the concepts of the work itself: being about what the person works on is the point, not a
   * repetition.
   */
  private List<Recommendation> diversify(List<Pick> pool, int limit, Map<String, List<Contribution>> reasons,
      WorkContext work) {
    Principal principal = work.principal();
    List<Pick> left = new ArrayList<>(pool);
    List<Recommendation> out = new ArrayList<>(limit);
    Map<String, Integer> conceptUses = new HashMap<>();
    while (out.size() < limit && !left.isEmpty()) {
      int bestIndex = -1;
      double bestScore = -1;
      for (int i = 0; i < left.size(); i++) {
        Pick p = left.get(i);
        int shared = 0;
        for (String c : p.item().concepts()) {
          shared += work.concepts().contains(c) ? 0 : conceptUses.getOrDefault(c, 0);
        }
        double adjusted = p.score() * Math.pow(settings.variety(), shared);
        if (adjusted > bestScore || (adjusted == bestScore && p.item().id().compareTo(left.get(bestIndex).item().id()) < 0)) {
          bestScore = adjusted;
          bestIndex = i;
        }
      }
      Pick p = left.remove(bestIndex);
      p.item().concepts().forEach(c -> conceptUses.merge(c, 1, Integer::sum));
      // Loaded only now: of the pool, only the chosen are returned whole. One changed since (deleted,
      // hidden, unpublished) is skipped.
      Optional<KnowledgeItem> item = backend.get(p.item().id())
          .filter(i -> i.status() == ItemStatus.PUBLISHED && i.acl().permits(principal));
      if (item.isEmpty()) {
        continue;
      }
      List<Contribution> parts = new ArrayList<>(reasons.get(p.item().id()));
      parts.sort(Comparator.comparingDouble(Contribution::part).reversed());
      Set<String> texts = new LinkedHashSet<>();
      List<Reason> why = new ArrayList<>();
      for (Contribution c : parts) {
        if (texts.add(c.reason().text())) {
          why.add(c.reason());
        }
      }
      out.add(new Recommendation(item.get(), bestScore, why));
    }
    return out;
  }

  /** What the person did with some items: used, dismissed, shown how often lately. */
  private static final class History {
    final Set<String> used = new HashSet<>();
    final Set<String> dismissed = new HashSet<>();
    final Map<String, Integer> shown = new HashMap<>();
  }

  /**
   * What the person did with the candidates, or with every item ({@code candidates} null). A query for
   * their events on a few dozen candidates costs a term lookup per candidate in each segment of the event
   * store (two, one per way the filter may run); reading the person's whole history costs a row per event.
   * So the whole history is read when it has at most {@value #WHOLE_HISTORY_PER_CANDIDATE} events per
   * candidate of the first chunk: at 100k items and 10M events (about 1,000 events a person, 20-odd
   * segments) that took 3.6 ms a push (p50) where the candidates' query took 5.8; at 1M items and 50M
   * events (5,000 a person) the candidates' query brought p99 from 35 to 24-30 ms.
   */
  private History history(Principal principal, Instant now, List<String> candidates) {
    History h = new History();
    if (candidates != null && candidates.isEmpty()) {
      return h;
    }
    long windowStart = now.minus(settings.showWindow()).toEpochMilli();
    // No filter on types: the few other events on these items cost less than a third clause per segment.
    EventQuery q = candidates == null ? EventQuery.builder().users(principal.userId()).build()
        : EventQuery.builder().users(principal.userId()).items(candidates).build();
    // The events scans do not see yet are read first: one made visible in between is then in both, and
    // is counted once, by its sequence number (read in the other order, it could be in neither).
    List<PendingEvents.Pending> pending = backend.unrefreshedEvents(principal.userId());
    Set<Long> pendingSequences = new HashSet<>();
    for (PendingEvents.Pending p : pending) {
      pendingSequences.add(p.sequence());
      UsageEvent e = p.event();
      note(h, e.type().name(), e.itemId(), e.time().toEpochMilli(), windowStart);
    }
    backend.scanEvents(q, row -> {
      if (pendingSequences.isEmpty() || !pendingSequences.contains(row.sequence())) {
        note(h, row.type(), row.itemId(), row.timeMillis(), windowStart);
      }
    });
    return h;
  }

  private static void note(History h, String type, String item, long time, long windowStart) {
    if (item == null) {
      return;
    }
    if (USED.contains(type)) {
      h.used.add(item);
    } else if (type.equals("push-dismissed")) {
      h.dismissed.add(item);
    } else if (type.equals("push-shown") && time >= windowStart) {
      h.shown.merge(item, 1, Integer::sum);
    }
  }

  /** One push's view of the knowledge base for recommenders. */
  private final class Context implements PushContext {
    private final WorkContext work;
    private final Instant now;
    private final Taxonomy taxonomy;
    private final String language;
    private Set<String> concepts;
    private List<Segment> segments;

    Context(WorkContext work, Instant now, Taxonomy taxonomy) {
      this.work = work;
      this.now = now;
      this.taxonomy = taxonomy;
      this.language = work.text().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
          ? "zh" : "en";
    }

    @Override
    public WorkContext work() {
      return work;
    }

    @Override
    public Instant now() {
      return now;
    }

    @Override
    public Taxonomy taxonomy() {
      return taxonomy;
    }

    @Override
    public Set<String> concepts() {
      if (concepts == null) {
        Set<String> out = new LinkedHashSet<>(work.concepts());
        List<String> named = new ArrayList<>();
        if (work.stage() != null) {
          named.add(work.stage());
        }
        if (work.process() != null) {
          named.add(work.process());
        }
        named.addAll(work.attributes().values());
        for (String value : named) {
          if (taxonomy.contains(value)) {
            out.add(value);
          } else {
            taxonomy.findByLabel(value).stream().map(Concept::id).sorted().findFirst().ifPresent(out::add);
          }
        }
        concepts = Set.copyOf(out);
      }
      return concepts;
    }

    @Override
    public List<Segment> segments() {
      if (segments == null) {
        List<Segment> out = new ArrayList<>();
        if (work.role() != null) {
          out.add(Segment.role(work.role()));
        } else {
          work.principal().roles().forEach(r -> out.add(Segment.role(r)));
        }
        if (work.stage() != null) {
          out.add(Segment.stage(work.stage()));
        }
        work.attributes().forEach((k, v) -> {
          if (stats.tracks(k)) {
            out.add(Segment.attribute(k, v));
          }
        });
        out.add(Segment.EVERYONE);
        segments = List.copyOf(out);
      }
      return segments;
    }

    @Override
    public String label(String conceptId) {
      return taxonomy.concept(conceptId).map(c -> c.prefLabel(language)).orElse(conceptId);
    }

    @Override
    public SearchResult search(SearchRequest request) {
      if (!request.principal().equals(work.principal())) {
        throw new ValidationException("SearchRequest.principal", request.principal().userId(),
            "a recommender searches as the pushed person " + work.principal().userId());
      }
      return backend.search(request);
    }

    @Override
    public Optional<KnowledgeItem> item(String itemId) {
      return backend.get(itemId).filter(i -> i.acl().permits(work.principal()));
    }

    @Override
    public List<ScoredItem> popular(Segment segment, Set<String> underConcepts, int limit) {
      return visibleTop(UsageStats.USE, segment, underConcepts, limit);
    }

    @Override
    public List<ScoredItem> accepted(Segment segment, int limit) {
      return visibleTop(UsageStats.FEEDBACK, segment, Set.of(), limit);
    }

    private List<ScoredItem> visibleTop(String channel, Segment segment, Set<String> underConcepts, int limit) {
      if (limit < 1 || !stats.tracks(segment.dimension())) {
        return List.of();
      }
      // The cached ranking usually holds enough readable items; rank deeper only when it does not.
      List<ScoredItem> out = List.of();
      for (int fetch = Math.max(UsageStats.TOP_CACHED, limit); fetch <= MAX_RANKED; fetch *= 4) {
        List<UsageStats.Scored> top = stats.top(channel, segment.key(), now.toEpochMilli(), fetch);
        out = firstVisible(top, limit, underConcepts);
        if (out.size() == limit || top.size() < fetch) {
          break;
        }
      }
      return out;
    }

    @Override
    public List<ScoredItem> newest(Set<String> underConcepts, int limit) {
      if (limit < 1) {
        return List.of();
      }
      return backend.newest(work.principal(), underConcepts, limit);
    }

    @Override
    public List<ScoredItem> similar(String text, int limit) {
      return text.isBlank() || limit < 1 ? List.of() : backend.similar(work.principal(), text, limit);
    }

    @Override
    public List<String> anchors(int limit) {
      Set<String> out = new LinkedHashSet<>(stats.recentItems(work.principal().userId(), limit));
      for (String key : List.of(WorkContext.PROJECT, WorkContext.CUSTOMER)) {
        String value = work.attribute(key);
        if (value != null && out.size() < limit) {
          Map<String, Long> last = new HashMap<>();
          EventQuery q = EventQuery.builder().contextAttribute(key, value).window(now.minus(ANCHOR_WINDOW), null).build();
          backend.scanEvents(q, row -> {
            if (row.itemId() != null && USED.contains(row.type())) {
              last.merge(row.itemId(), row.timeMillis(), Math::max);
            }
          });
          last.entrySet().stream()
              .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
              .limit(limit).forEach(e -> out.add(e.getKey()));
        }
      }
      Set<String> visible = backend.visible(work.principal(), out, Set.of());
      return out.stream().filter(visible::contains).limit(limit).toList();
    }

    @Override
    public List<ScoredItem> usedTogether(String anchorItemId, int minSupport, int limit) {
      if (limit < 1) {
        return List.of();
      }
      // Most readers see many of the items: rank a few times the limit, check access on those.
      return firstVisible(stats.usedTogether(anchorItemId, work.principal().userId(), minSupport, limit * 4), limit, Set.of());
    }

    /**
     * The first {@code limit} readable items of a ranked list (under one of the concepts, if any), checking
     * access a chunk at a time.
     */
    private List<ScoredItem> firstVisible(List<UsageStats.Scored> ranked, int limit, Set<String> underConcepts) {
      List<ScoredItem> out = new ArrayList<>();
      int from = 0;
      for (int chunk = Math.max(50, limit * 4); from < ranked.size() && out.size() < limit; chunk *= 4) {
        List<UsageStats.Scored> part = ranked.subList(from, Math.min(ranked.size(), from + chunk));
        Set<String> visible = backend.visible(work.principal(), part.stream().map(UsageStats.Scored::itemId).toList(), underConcepts);
        for (UsageStats.Scored s : part) {
          if (out.size() < limit && visible.contains(s.itemId())) {
            out.add(new ScoredItem(s.itemId(), s.score()));
          }
        }
        from += part.size();
      }
      return out;
    }
  }
}
