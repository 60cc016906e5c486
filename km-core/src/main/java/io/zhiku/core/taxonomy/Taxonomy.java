package io.zhiku.core.taxonomy;

import io.zhiku.core.NotFoundException;
import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.Immutables;
import io.zhiku.core.internal.LabelNormalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An immutable snapshot of a multi-dimensional taxonomy: several {@link ConceptScheme}s (industry,
 * product, process, stage...) and their {@link Concept}s, with broader/narrower relations forming a
 * polyhierarchy that never has a cycle.
 *
 * <p><b>Thread safety.</b> A snapshot never changes, so any number of threads may read it without
 * locking. Writers edit through a {@link Builder} ({@link #builder()}, or {@link #toBuilder()} for a
 * copy-on-write edit of this snapshot) and publish the new snapshot; readers holding the old one keep a
 * consistent view.
 *
 * <p><b>Lookups by label</b> fold case, full-width and half-width forms, and traditional and simplified
 * Chinese (see {@link #findByLabel(String)}).
 *
 * <p>Methods taking a concept id throw {@link NotFoundException} when the id is not in the taxonomy.
 * Two taxonomies are equal when they hold equal schemes and concepts, in any order.
 */
public final class Taxonomy {
  /** The most paths {@link #pathsToTop(String)} returns before it refuses. */
  public static final int MAX_PATHS = 10_000;

  private static final Taxonomy EMPTY = new Builder().build();

  // Every map below is unmodifiable and keeps insertion order; a set-valued map holds no empty set.
  private final Map<String, ConceptScheme> schemes;
  private final Map<String, Concept> concepts;
  private final Map<String, Set<String>> narrower;
  private final Map<String, Set<String>> related;
  private final Map<String, Set<String>> members;
  private final Map<String, Set<String>> tops;
  private final Map<String, Set<String>> labelIndex;

  private Taxonomy(Map<String, ConceptScheme> schemes, Map<String, Concept> concepts) {
    this.schemes = Immutables.map(schemes);
    this.concepts = Immutables.map(concepts);
    Map<String, Set<String>> narrowerB = new LinkedHashMap<>();
    Map<String, Set<String>> relatedB = new LinkedHashMap<>();
    Map<String, Set<String>> membersB = new LinkedHashMap<>();
    Map<String, Set<String>> topsB = new LinkedHashMap<>();
    for (Concept c : this.concepts.values()) {
      c.broader().forEach(b -> put(narrowerB, b, c.id()));
      c.related().forEach(r -> {
        put(relatedB, c.id(), r);
        put(relatedB, r, c.id());
      });
      c.schemes().forEach(s -> put(membersB, s, c.id()));
      c.topConceptOf().forEach(s -> put(topsB, s, c.id()));
    }
    for (Concept c : this.concepts.values()) {
      for (String s : c.schemes()) {
        if (c.broader().stream().noneMatch(b -> this.concepts.get(b).schemes().contains(s))) {
          put(topsB, s, c.id()); // a root within its scheme
        }
      }
    }
    this.narrower = Immutables.setMultimap(narrowerB);
    this.related = Immutables.setMultimap(relatedB);
    this.members = Immutables.setMultimap(membersB);
    this.tops = Immutables.setMultimap(topsB);
    this.labelIndex = buildLabelIndex(this.concepts.values());
  }

  private static Map<String, Set<String>> buildLabelIndex(Collection<Concept> concepts) {
    // Preferred labels first, then alternative, then hidden: lookups list the best matches first.
    Map<String, String> memo = new LinkedHashMap<>();
    Map<String, Set<String>> index = new LinkedHashMap<>();
    for (Concept c : concepts) {
      c.prefLabels().values().forEach(l -> put(index, memo.computeIfAbsent(l, LabelNormalizer::normalize), c.id()));
    }
    for (Concept c : concepts) {
      c.altLabels().forEach(l -> put(index, memo.computeIfAbsent(l.text(), LabelNormalizer::normalize), c.id()));
    }
    for (Concept c : concepts) {
      c.hiddenLabels().forEach(l -> put(index, memo.computeIfAbsent(l.text(), LabelNormalizer::normalize), c.id()));
    }
    return Immutables.setMultimap(index);
  }

  private static void put(Map<String, Set<String>> multimap, String key, String value) {
    multimap.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(value);
  }

  private static Set<String> get(Map<String, Set<String>> multimap, String key) {
    return multimap.getOrDefault(key, Collections.emptySet());
  }

  /** Everything reachable from {@code start} through {@code next}, nearest first, without {@code start}. */
  private static Set<String> breadthFirst(String start, Function<String, Set<String>> next) {
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    seen.add(start);
    Deque<String> queue = new ArrayDeque<>();
    queue.add(start);
    while (!queue.isEmpty()) {
      for (String n : next.apply(queue.poll())) {
        if (seen.add(n)) {
          queue.add(n);
        }
      }
    }
    seen.remove(start);
    return Immutables.own(seen);
  }

  private static List<String> reversed(List<String> path) {
    List<String> out = new ArrayList<>(path);
    Collections.reverse(out);
    return Immutables.list(out);
  }

  /**
   * The taxonomy with no schemes and no concepts.
   *
   * @return the empty taxonomy
   */
  public static Taxonomy empty() {
    return EMPTY;
  }

  /**
   * Starts a new, empty taxonomy.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this taxonomy's schemes and concepts, for a copy-on-write edit. This snapshot is
   * not changed.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.schemes.putAll(schemes);
    b.concepts.putAll(concepts);
    return b;
  }

  /**
   * A copy of this taxonomy with an edit applied; this snapshot is not changed, and neither is anything
   * if the edit fails.
   *
   * @param edit what to change
   * @return the edited taxonomy
   * @throws ValidationException if the edit or the result is invalid
   */
  public Taxonomy edit(Consumer<Builder> edit) {
    Builder b = toBuilder();
    edit.accept(b);
    return b.build();
  }

  /**
   * All schemes, in the order they were added.
   *
   * @return the schemes
   */
  public Collection<ConceptScheme> schemes() {
    return schemes.values();
  }

  /**
   * A scheme by id.
   *
   * @param schemeId the id
   * @return the scheme, or empty
   */
  public Optional<ConceptScheme> scheme(String schemeId) {
    return Optional.ofNullable(schemes.get(schemeId));
  }

  /**
   * All concepts, in the order they were added.
   *
   * @return the concepts
   */
  public Collection<Concept> concepts() {
    return concepts.values();
  }

  /**
   * How many concepts there are.
   *
   * @return the number of concepts
   */
  public int size() {
    return concepts.size();
  }

  /**
   * A concept by id.
   *
   * @param conceptId the id
   * @return the concept, or empty
   */
  public Optional<Concept> concept(String conceptId) {
    return Optional.ofNullable(concepts.get(conceptId));
  }

  /**
   * Whether the taxonomy holds a concept.
   *
   * @param conceptId the id
   * @return {@code true} if it does
   */
  public boolean contains(String conceptId) {
    return concepts.containsKey(conceptId);
  }

  private Concept require(String conceptId) {
    Concept c = concepts.get(conceptId);
    if (c == null) {
      throw new NotFoundException("concept", conceptId);
    }
    return c;
  }

  /**
   * The concepts that name this one as broader.
   *
   * @param conceptId the concept
   * @return ids of its narrower concepts
   */
  public Set<String> narrower(String conceptId) {
    require(conceptId);
    return get(narrower, conceptId);
  }

  /**
   * The concept's broader concepts.
   *
   * @param conceptId the concept
   * @return ids of its broader concepts
   */
  public Set<String> broader(String conceptId) {
    return require(conceptId).broader();
  }

  /**
   * The related concepts, in either direction: if a names b as related, b's related include a.
   *
   * @param conceptId the concept
   * @return ids of related concepts
   */
  public Set<String> related(String conceptId) {
    require(conceptId);
    return get(related, conceptId);
  }

  /**
   * All concepts above this one, through any chain of broader relations, nearest first (breadth-first).
   *
   * @param conceptId the concept
   * @return ids of its ancestors, not including itself
   */
  public Set<String> ancestors(String conceptId) {
    require(conceptId);
    return breadthFirst(conceptId, id -> concepts.get(id).broader());
  }

  /**
   * All concepts below this one, through any chain of narrower relations, nearest first (breadth-first).
   *
   * @param conceptId the concept
   * @return ids of its descendants, not including itself
   */
  public Set<String> descendants(String conceptId) {
    require(conceptId);
    return breadthFirst(conceptId, id -> get(narrower, id));
  }

  /**
   * Every path from a concept without broader concepts down to this one. A concept with two parents has
   * at least two paths. Paths are listed in the order of the broader relations.
   *
   * @param conceptId the concept
   * @return paths, each a list of ids from a top concept to {@code conceptId}, both inclusive
   * @throws ZhikuException if there are more than {@value #MAX_PATHS} paths
   */
  public List<List<String>> pathsToTop(String conceptId) {
    require(conceptId);
    List<List<String>> paths = new ArrayList<>();
    Deque<List<String>> stack = new ArrayDeque<>(); // partial paths, from conceptId upwards
    stack.push(List.of(conceptId));
    while (!stack.isEmpty()) {
      List<String> partial = stack.pop();
      Set<String> parents = concepts.get(partial.get(partial.size() - 1)).broader();
      if (parents.isEmpty()) {
        if (paths.size() == MAX_PATHS) {
          throw new ZhikuException("concept " + conceptId + " has more than " + MAX_PATHS + " paths to the top");
        }
        paths.add(reversed(partial));
        continue;
      }
      List<String> ordered = new ArrayList<>(parents);
      for (int i = ordered.size() - 1; i >= 0; i--) { // push in reverse so the first parent is explored first
        List<String> extended = new ArrayList<>(partial.size() + 1);
        extended.addAll(partial);
        extended.add(ordered.get(i));
        stack.push(extended);
      }
    }
    return List.copyOf(paths);
  }

  /**
   * How far the concept is below the top: the number of broader steps on its shortest path to a concept
   * without broader concepts. Such a concept has depth 0.
   *
   * @param conceptId the concept
   * @return the depth, 0 or more
   */
  public int depth(String conceptId) {
    Set<String> level = Set.of(require(conceptId).id());
    Set<String> seen = new HashSet<>(level);
    for (int depth = 0; ; depth++) {
      Set<String> next = new LinkedHashSet<>();
      for (String id : level) {
        Set<String> parents = concepts.get(id).broader();
        if (parents.isEmpty()) {
          return depth;
        }
        for (String p : parents) {
          if (seen.add(p)) {
            next.add(p);
          }
        }
      }
      level = next;
    }
  }

  /**
   * The concepts that share a parent with this one: the other narrower concepts of each of its broader
   * concepts, and, for a top concept of a scheme, the other top concepts of that scheme.
   *
   * @param conceptId the concept
   * @return ids of its siblings, not including itself
   */
  public Set<String> siblings(String conceptId) {
    Concept c = require(conceptId);
    LinkedHashSet<String> out = new LinkedHashSet<>();
    c.broader().forEach(b -> out.addAll(get(narrower, b)));
    for (String s : c.schemes()) {
      if (get(tops, s).contains(conceptId)) {
        out.addAll(get(tops, s));
      }
    }
    out.remove(conceptId);
    return Immutables.own(out);
  }

  /**
   * The top concepts of a scheme: those marked as its top concepts, and those in it with no broader
   * concept in the same scheme.
   *
   * @param schemeId the scheme
   * @return ids of its top concepts
   * @throws NotFoundException if the scheme does not exist
   */
  public Set<String> topConcepts(String schemeId) {
    requireScheme(schemeId);
    return get(tops, schemeId);
  }

  /**
   * The concepts in a scheme.
   *
   * @param schemeId the scheme
   * @return ids of its concepts
   * @throws NotFoundException if the scheme does not exist
   */
  public Set<String> conceptsInScheme(String schemeId) {
    requireScheme(schemeId);
    return get(members, schemeId);
  }

  private void requireScheme(String schemeId) {
    if (!schemes.containsKey(schemeId)) {
      throw new NotFoundException("concept scheme", schemeId);
    }
  }

  /**
   * The concepts with a preferred, alternative or hidden label, in any language, that matches the text
   * after folding case, full-width/half-width forms, traditional/simplified Chinese and white space.
   * Concepts matched by a preferred label come first, then by an alternative label, then by a hidden one.
   *
   * @param text the label to look up, e.g. {@code "CRM"}, {@code "ｃｒｍ"} or {@code "客戶關係管理"}
   * @return matching concepts, possibly several (in different schemes, or ambiguous labels); empty if none
   */
  public List<Concept> findByLabel(String text) {
    Checks.present("label", text);
    String key = LabelNormalizer.normalize(text);
    return get(labelIndex, key).stream().map(concepts::get).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Taxonomy t && schemes.equals(t.schemes) && concepts.equals(t.concepts);
  }

  @Override
  public int hashCode() {
    return 31 * schemes.hashCode() + concepts.hashCode();
  }

  @Override
  public String toString() {
    return "Taxonomy[" + schemes.size() + " schemes, " + concepts.size() + " concepts]";
  }

  /**
   * Edits a taxonomy and builds immutable snapshots. Each edit is checked as it is made and refused
   * without changing the builder when it is invalid: in particular a broader relation that would close
   * a cycle throws {@link TaxonomyCycleException} naming the cycle. References to concepts or schemes
   * not yet added are allowed while editing, so that a file can be read in any order, and checked by
   * {@link #build()}.
   *
   * <p>Not thread-safe: one writer at a time. {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final Map<String, ConceptScheme> schemes = new LinkedHashMap<>();
    private final Map<String, Concept> concepts = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds a scheme, or replaces the scheme with the same id.
     *
     * @param scheme the scheme
     * @return this builder
     */
    public Builder scheme(ConceptScheme scheme) {
      Checks.present("scheme", scheme);
      schemes.put(scheme.id(), scheme);
      return this;
    }

    /**
     * A scheme the builder holds.
     *
     * @param schemeId the id
     * @return the scheme, or empty
     */
    public Optional<ConceptScheme> scheme(String schemeId) {
      return Optional.ofNullable(schemes.get(schemeId));
    }

    /**
     * Adds a concept, or replaces the concept with the same id.
     *
     * @param concept the concept
     * @return this builder
     * @throws TaxonomyCycleException if its broader concepts would make it its own ancestor; the
     *     builder is unchanged
     */
    public Builder concept(Concept concept) {
      Checks.present("concept", concept);
      List<String> cycle = findCycle(concept);
      if (cycle != null) {
        throw new TaxonomyCycleException(cycle);
      }
      concepts.put(concept.id(), concept);
      return this;
    }

    /**
     * Whether the builder holds a concept.
     *
     * @param conceptId the id
     * @return {@code true} if it does
     */
    public boolean containsConcept(String conceptId) {
      return concepts.containsKey(conceptId);
    }

    /**
     * A concept the builder holds.
     *
     * @param conceptId the id
     * @return the concept, or empty
     */
    public Optional<Concept> concept(String conceptId) {
      return Optional.ofNullable(concepts.get(conceptId));
    }

    /**
     * Removes a concept and every reference to it (as a broader or related concept of others). Its
     * narrower concepts stay, without this parent.
     *
     * @param conceptId the id
     * @return this builder
     * @throws NotFoundException if the concept is not present
     */
    public Builder removeConcept(String conceptId) {
      if (concepts.remove(conceptId) == null) {
        throw new NotFoundException("concept", conceptId);
      }
      concepts.replaceAll((id, c) -> c.broader().contains(conceptId) || c.related().contains(conceptId)
          ? withoutReference(c, conceptId) : c);
      return this;
    }

    private static Concept withoutReference(Concept c, String removed) {
      Set<String> broader = new LinkedHashSet<>(c.broader());
      Set<String> related = new LinkedHashSet<>(c.related());
      broader.remove(removed);
      related.remove(removed);
      return new Concept(c.id(), c.uri(), c.schemes(), c.prefLabels(), c.altLabels(), c.hiddenLabels(), broader,
          related, c.notations(), c.scopeNotes(), c.definitions(), c.topConceptOf());
    }

    /**
     * Removes a scheme that no concept belongs to.
     *
     * @param schemeId the id
     * @return this builder
     * @throws NotFoundException if the scheme is not present
     * @throws ValidationException if concepts still belong to it
     */
    public Builder removeScheme(String schemeId) {
      if (!schemes.containsKey(schemeId)) {
        throw new NotFoundException("concept scheme", schemeId);
      }
      long users = concepts.values().stream().filter(c -> c.schemes().contains(schemeId)).count();
      if (users > 0) {
        throw new ValidationException("ConceptScheme", schemeId, users + " concepts still belong to it; remove or move them first");
      }
      schemes.remove(schemeId);
      return this;
    }

    /**
     * The cycle that adding {@code concept} would close: a path from the concept up through broader
     * relations back to itself, or {@code null} if there is none.
     */
    private List<String> findCycle(Concept concept) {
      String target = concept.id();
      // Depth-first search upwards from each broader concept, remembering how each node was reached.
      Map<String, String> reachedFrom = new LinkedHashMap<>();
      Deque<String> stack = new ArrayDeque<>();
      for (String b : concept.broader()) {
        if (reachedFrom.putIfAbsent(b, target) == null) {
          stack.push(b);
        }
      }
      while (!stack.isEmpty()) {
        String id = stack.pop();
        if (id.equals(target)) {
          List<String> path = new ArrayList<>();
          String at = reachedFrom.get(target);
          path.add(target);
          while (!at.equals(target)) {
            path.add(at);
            at = reachedFrom.get(at);
          }
          path.add(target);
          return reversed(path); // target → ... → target, each step going up
        }
        Concept c = concepts.get(id);
        if (c != null) {
          for (String b : c.broader()) {
            if (reachedFrom.putIfAbsent(b, id) == null) {
              stack.push(b);
            }
          }
        }
      }
      return null;
    }

    /**
     * Checks that every scheme and concept a concept refers to exists, and builds the snapshot.
     *
     * @return the taxonomy
     * @throws ValidationException naming the concept and the missing reference
     */
    public Taxonomy build() {
      for (Concept c : concepts.values()) {
        for (String s : c.schemes()) {
          if (!schemes.containsKey(s)) {
            throw new ValidationException("Concept.schemes", s, "concept " + c.id() + " is in a scheme that does not exist");
          }
        }
        for (String b : c.broader()) {
          if (!concepts.containsKey(b)) {
            throw new ValidationException("Concept.broader", b, "concept " + c.id() + " names a broader concept that does not exist");
          }
        }
        for (String r : c.related()) {
          if (!concepts.containsKey(r)) {
            throw new ValidationException("Concept.related", r, "concept " + c.id() + " names a related concept that does not exist");
          }
        }
      }
      return new Taxonomy(schemes, concepts);
    }
  }
}
