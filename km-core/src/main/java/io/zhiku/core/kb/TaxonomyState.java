package io.zhiku.core.kb;

import io.zhiku.core.internal.LabelNormalizer;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.search.Suggestion;
import io.zhiku.core.spi.IndexSearch;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.spi.Popularity;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.Taxonomy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The taxonomy in use and what is derived from it at search time: the facet roll-up maps (built on
 * first use per set of schemes), the folded labels for autocomplete and synonyms; dropped with the
 * snapshot. Thread-safe: immutable but for caches filled once.
 *
 * @param taxonomy the snapshot
 * @param rollups roll-up maps by set of schemes
 * @param labelCache the labels for autocomplete, once built
 */
record TaxonomyState(
    Taxonomy taxonomy, Map<Set<String>, Map<String, Set<String>>> rollups, AtomicReference<List<LabelEntry>> labelCache) {
  private static final Logger LOG = LoggerFactory.getLogger(TaxonomyState.class);

  TaxonomyState(Taxonomy taxonomy) {
    this(taxonomy, new ConcurrentHashMap<>(), new AtomicReference<>());
  }

  /** Preferred labels first, then alternative labels, then hidden ones (shown as a preferred label). */
  List<LabelEntry> labels() {
    List<LabelEntry> cached = labelCache.get();
    if (cached != null) {
      return cached;
    }
    List<LabelEntry> out = new ArrayList<>();
    for (Concept c : taxonomy.concepts()) {
      c.prefLabels().values().forEach(l -> out.add(entry(l, c.id(), l)));
    }
    for (Concept c : taxonomy.concepts()) {
      c.altLabels().forEach(l -> out.add(entry(l.text(), c.id(), l.text())));
    }
    for (Concept c : taxonomy.concepts()) {
      c.hiddenLabels().forEach(l -> out.add(entry(l.text(), c.id(), c.prefLabel(l.language().isEmpty() ? "en" : l.language()))));
    }
    List<LabelEntry> built = List.copyOf(out);
    labelCache.compareAndSet(null, built);
    return labelCache.get();
  }

  private static LabelEntry entry(String label, String conceptId, String display) {
    String folded = LabelNormalizer.normalize(label);
    return new LabelEntry(folded, List.of(folded.split(" ")), conceptId, display);
  }

  /**
   * For each concept of the schemes: the facet keys it counts toward (itself and its ancestors, per
   * scheme). Built once per set of schemes and snapshot; empty for no schemes.
   */
  Map<String, Set<String>> rollup(Set<String> schemes) {
    if (schemes.isEmpty()) {
      return Map.of();
    }
    return rollups.computeIfAbsent(Set.copyOf(schemes), key -> {
      Map<String, Set<String>> merged = new HashMap<>();
      for (String scheme : key) {
        Set<String> members = taxonomy.conceptsInScheme(scheme);
        for (String c : members) {
          Set<String> keys = merged.computeIfAbsent(c, k -> new HashSet<>());
          keys.add(scheme + FACET_KEY_SEPARATOR + c);
          for (String a : taxonomy.ancestors(c)) {
            if (members.contains(a)) {
              keys.add(scheme + FACET_KEY_SEPARATOR + a);
            }
          }
        }
      }
      Map<String, Set<String>> out = new HashMap<>();
      merged.forEach((concept, keys) -> out.put(concept, Set.copyOf(keys)));
      return Map.copyOf(out);
    });
  }

  /**
   * Autocomplete over this snapshot's labels and the engine's titles (see {@link
   * KnowledgeBase#suggest}).
   */
  List<Suggestion> suggest(SuggestRequest request, KnowledgeIndex index, Set<String> hidden, Instant now) {
    String typed = LabelNormalizer.normalize(request.prefix());
    List<String> typedWords = List.of(typed.split(" "));
    int conceptLimit = (request.limit() + 1) / 2;
    List<Suggestion> concepts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int checks = 0;
    for (LabelEntry e : labels()) {
      if (concepts.size() == conceptLimit || checks == 4 * conceptLimit) {
        break;
      }
      if (seen.contains(e.conceptId()) || !e.matches(typed, typedWords)) {
        continue;
      }
      seen.add(e.conceptId());
      checks++;
      Set<String> group = withDescendants(taxonomy, e.conceptId());
      SearchRequest any = SearchRequest.builder(request.principal()).pageSize(1).build();
      if (index.search(new IndexSearch(any, List.of(group), Map.of(), List.of(), now, Popularity.NONE, hidden)).totalHits() > 0) {
        concepts.add(new Suggestion(e.display(), Suggestion.Source.CONCEPT, e.conceptId()));
      }
    }
    List<Suggestion> out = new ArrayList<>(concepts);
    for (Suggestion title : index.suggestTitles(request, hidden)) {
      if (out.size() == request.limit()) {
        break;
      }
      out.add(title);
    }
    return out;
  }

  /** A concept and, if the taxonomy knows it, its descendants: what a filter on it matches. */
  static Set<String> withDescendants(Taxonomy t, String concept) {
    Set<String> group = new LinkedHashSet<>();
    group.add(concept);
    if (t.contains(concept)) {
      group.addAll(t.descendants(concept));
    }
    return group;
  }

  /** A concept label prepared for autocomplete: its folded form and what to show. */
  record LabelEntry(String folded, List<String> foldedWords, String conceptId, String display) {
    boolean matches(String typed, List<String> typedWords) {
      if (folded.startsWith(typed)) {
        return true;
      }
      for (String w : typedWords) {
        if (foldedWords.stream().noneMatch(l -> l.startsWith(w))) {
          return false;
        }
      }
      return true;
    }
  }

  /** The most synonyms one search is expanded with. */
  private static final int MAX_SYNONYMS = 16;

  /**
   * Synonyms from the taxonomy for what was typed: when the whole text, or one of its words, is a label
   * of a concept (preferred, alternative or hidden, folded as in {@link Taxonomy#findByLabel}), the
   * concept's other preferred and alternative labels.
   */
  static List<String> synonyms(Taxonomy t, String text) {
    if (text.isBlank() || t.size() == 0) {
      return List.of();
    }
    Set<String> typed = new LinkedHashSet<>();
    typed.add(text.replace("\"", " ").strip());
    for (String word : text.split("\\s+")) {
      String w = word.replace("\"", "");
      if (w.startsWith("+") || w.startsWith("-")) {
        continue; // required and excluded words mean exactly what was typed
      }
      typed.add(w);
    }
    Set<String> out = new LinkedHashSet<>();
    for (String candidate : typed) {
      if (candidate.isBlank()) {
        continue;
      }
      String folded = LabelNormalizer.normalize(candidate);
      for (Concept c : t.findByLabel(candidate)) {
        List<String> names = new ArrayList<>(c.prefLabels().values());
        c.altLabels().forEach(l -> names.add(l.text()));
        for (String name : names) {
          if (!LabelNormalizer.normalize(name).equals(folded) && out.size() < MAX_SYNONYMS) {
            out.add(name);
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /** Separates scheme and concept in facet keys; ids never contain a space. */
  static final String FACET_KEY_SEPARATOR = " ";

  /**
   * A warning when a taxonomy comes into use (at open, set, or stored by another instance): filters, facets
   * and reports cannot place items under concepts the taxonomy lacks. The shared concept sets give the
   * candidates cheaply; only when there are some does one pass over the items confirm them (a set of a
   * replaced item may linger until the collector clears it).
   *
   * @param items the item table
   * @param t the taxonomy now in use
   * @param when when it came into use, for the message
   */
  static void warnOfUnknownConcepts(ItemTable items, Taxonomy t, String when) {
    Set<String> candidates = new HashSet<>(items.conceptsInUse());
    candidates.removeIf(t::contains);
    if (candidates.isEmpty()) {
      return;
    }
    List<String> unknown = items.namedByLiveItems(candidates).stream().sorted().toList();
    if (!unknown.isEmpty()) {
      LOG.warn("{}: items name {} concepts the taxonomy of {} concepts lacks, e.g. {}: filters, facets and reports by "
          + "concept cannot place them (set a taxonomy that holds them, or correct the items)", when, unknown.size(), t.size(),
          unknown.subList(0, Math.min(5, unknown.size())));
    }
  }

  /**
   * The taxonomy to open with: the builder's if it set one (stored, to be committed with the next
   * commit, when it differs from the stored one), else the stored one, else an empty one.
   */
  static Taxonomy open(KnowledgeIndex index, Taxonomy given, Uncommitted uncommitted) {
    Optional<Taxonomy> stored = index.storedTaxonomy();
    if (given == null) {
      stored.ifPresent(t -> LOG.info("taxonomy of {} concepts in {} schemes read from the store", t.size(), t.schemes().size()));
      return stored.orElse(Taxonomy.empty());
    }
    if (!stored.map(given::equals).orElse(false)) {
      index.putTaxonomy(given);
      uncommitted.add(1);
      stored.ifPresent(old -> LOG.info("the builder's taxonomy of {} concepts replaces the stored one of {} concepts; "
          + "it is stored with the next commit", given.size(), old.size()));
    }
    return given;
  }
}
