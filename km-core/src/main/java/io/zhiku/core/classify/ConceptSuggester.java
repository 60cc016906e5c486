package io.zhiku.core.classify;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.classify.ConceptSuggestion.Reason;
import io.zhiku.core.classify.ConceptSuggestion.Source;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.LabelMatcher;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SimilarItem;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Suggests where a text or a new item belongs in the taxonomy, so that classifying is a confirmation
 * rather than a search through the concept tree. Two kinds of evidence, each turned into a probability:
 *
 * <ul>
 *   <li><b>The text names the concept</b> ({@link Source#LABEL_IN_TEXT}): one of its preferred,
 *       alternative or hidden labels, in any language, occurs in the text as whole words (case, full-width
 *       forms, traditional and simplified Chinese and English plurals folded). How much that says is
 *       learned from the knowledge base itself: of the {@code n} readable items whose text holds the
 *       label (a phrase search), {@code h} are about the concept or a narrower one, and the probability is
 *       {@code (h + 1) / (n + 2)}: even odds for a label no item uses yet, the observed share once many do. A
 *       word that is also a concept's label but says little (a meta site's "question") thus counts little.
 *       At most {@value #MAX_LABELS} labels are weighed, those occurring most often first.
 *   <li><b>Similar items are about it</b> ({@link Source#SIMILAR_ITEMS}): of the {@link
 *       Builder#neighbours} items most like the text ({@link KnowledgeBase#similarToText}), the share of
 *       their similarity held by items about the concept.
 * </ul>
 *
 * <p>A concept's score combines its probabilities as independent evidence, {@code 1 − Π (1 − p)}; no
 * weight is tuned. Ties go to the smaller concept id. Only concepts of the current taxonomy are suggested.
 *
 * <p><b>Access.</b> Everything is counted for the principal: similar items and label counts come from
 * the items they may read, and a reason never names an item.
 *
 * <p><b>Cost.</b> One {@link KnowledgeBase#similarToText} and two exact counts per label found (a phrase
 * search with and without the concept filter): a few milliseconds on a small knowledge base, more on a
 * large one where a common label matches many items.
 *
 * <p>Thread-safe: immutable once built; it reads the knowledge base and its taxonomy as they are at each
 * call (the label dictionary is rebuilt when the taxonomy changes).
 */
public final class ConceptSuggester {
  /** The most suggestions one call returns. */
  public static final int MAX_LIMIT = 50;
  /** The most labels found in one text that are weighed. */
  public static final int MAX_LABELS = 32;

  private final KnowledgeBase kb;
  private final int neighbours;
  private final String language;
  private volatile Dictionary dictionary;

  /** A taxonomy's label matcher, kept until the taxonomy changes. */
  private record Dictionary(Taxonomy taxonomy, LabelMatcher matcher) {}

  private ConceptSuggester(Builder b) {
    this.kb = b.kb;
    this.neighbours = b.neighbours;
    this.language = b.language;
  }

  /**
   * Starts configuring a suggester over a knowledge base.
   *
   * @param kb the knowledge base: its taxonomy, its items and their concepts
   * @return a builder
   * @throws ValidationException if it is missing
   */
  public static Builder builder(KnowledgeBase kb) {
    return new Builder(Checks.present("kb", kb));
  }

  /**
   * Concepts for a text: a question being asked, a case being written.
   *
   * @param principal whose readable items count
   * @param text the text, at most {@value WorkContext#MAX_TEXT_CHARS} characters
   * @param limit how many at most, 1 to {@value #MAX_LIMIT}
   * @return the suggestions, most likely first; empty if nothing points anywhere
   * @throws ValidationException if a part is missing, the text is blank or too long, or the limit is out of range
   */
  public List<ConceptSuggestion> suggest(Principal principal, String text, int limit) {
    Checks.present("principal", principal);
    Checks.workText("text", text);
    checkLimit(limit);
    return suggest(principal, text, null, Set.of(), limit);
  }

  /**
   * Concepts for an item about to be stored (or stored already): its title and body (the first {@value
   * WorkContext#MAX_TEXT_CHARS} characters), never a concept it already has, and never itself among the
   * similar items.
   *
   * @param principal whose readable items count, usually the author
   * @param item the item
   * @param limit how many at most, 1 to {@value #MAX_LIMIT}
   * @return the suggestions, most likely first
   * @throws ValidationException if a part is missing or the limit is out of range
   */
  public List<ConceptSuggestion> suggestFor(Principal principal, KnowledgeItem item, int limit) {
    Checks.present("principal", principal);
    Checks.present("item", item);
    checkLimit(limit);
    String text = item.title() + "\n" + item.body();
    if (text.length() > WorkContext.MAX_TEXT_CHARS) {
      text = text.substring(0, WorkContext.MAX_TEXT_CHARS);
    }
    return suggest(principal, text, item.id(), item.concepts(), limit);
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit", limit, "1 to " + MAX_LIMIT);
    }
  }

  private List<ConceptSuggestion> suggest(Principal principal, String text, String selfId, Set<String> known, int limit) {
    Taxonomy taxonomy = kb.taxonomy();
    Map<String, List<Reason>> reasons = new LinkedHashMap<>();
    labelEvidence(principal, taxonomy, text, known, reasons);
    similarEvidence(principal, taxonomy, text, selfId, known, reasons);
    List<ConceptSuggestion> out = new ArrayList<>(reasons.size());
    reasons.forEach((id, why) -> {
      double none = 1;
      for (Reason r : why) {
        none *= 1 - r.probability();
      }
      why.sort(Comparator.comparingDouble(Reason::probability).reversed());
      if (none < 1) {
        out.add(new ConceptSuggestion(id, taxonomy.concept(id).orElseThrow().prefLabel(language), 1 - none, why));
      }
    });
    out.sort(Comparator.comparingDouble(ConceptSuggestion::score).reversed().thenComparing(ConceptSuggestion::conceptId));
    return List.copyOf(out.subList(0, Math.min(limit, out.size())));
  }

  /** Labels in the text, each weighed by how often readable items that hold it are about its concept. */
  private void labelEvidence(Principal principal, Taxonomy taxonomy, String text, Set<String> known,
      Map<String, List<Reason>> reasons) {
    List<LabelMatcher.Found> found = new ArrayList<>(matcher(taxonomy).find(text));
    found.removeIf(f -> known.contains(f.conceptId()));
    found.sort(Comparator.comparingInt(LabelMatcher.Found::occurrences).reversed());
    for (LabelMatcher.Found f : found.subList(0, Math.min(MAX_LABELS, found.size()))) {
      String phrase = "\"" + f.label().replace('"', ' ') + "\"";
      long saying = count(principal, phrase, null);
      long about = saying == 0 ? 0 : count(principal, phrase, f.conceptId());
      double p = (about + 1.0) / (saying + 2.0);
      String says = f.kind() == LabelMatcher.LabelKind.HIDDEN ? "the text names it"
          : "the text says \u201c" + f.label() + "\u201d";
      String share = saying == 0 ? "; no item you can read says so yet"
          : String.format(Locale.ROOT, "; %d of the %d items you can read that say so are about it", about, saying);
      reasons.computeIfAbsent(f.conceptId(), k -> new ArrayList<>()).add(new Reason(Source.LABEL_IN_TEXT, p, says + share));
    }
  }

  /** The share of the similar items' similarity held by items about each concept. */
  private void similarEvidence(Principal principal, Taxonomy taxonomy, String text, String selfId, Set<String> known,
      Map<String, List<Reason>> reasons) {
    // An item's own stored copy is left out of the search itself: as the text's best word match it would
    // set how near in meaning a neighbour must be, and hardly any would join.
    List<SimilarItem> similar = selfId == null ? kb.similarToText(principal, text, neighbours)
        : kb.similarToText(principal, text, neighbours, selfId);
    double total = 0;
    int items = 0;
    Map<String, Double> mass = new HashMap<>();
    Map<String, Integer> count = new HashMap<>();
    for (SimilarItem s : similar) {
      items++;
      total += s.score();
      for (String c : s.item().concepts()) {
        if (!known.contains(c) && taxonomy.contains(c)) {
          mass.merge(c, s.score(), Double::sum);
          count.merge(c, 1, Integer::sum);
        }
      }
    }
    if (total <= 0) {
      return;
    }
    for (Map.Entry<String, Double> e : mass.entrySet()) {
      String words = String.format(Locale.ROOT, "%d of the %d items most like the text are about it", count.get(e.getKey()), items);
      reasons.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
          .add(new Reason(Source.SIMILAR_ITEMS, Math.min(1, e.getValue() / total), words));
    }
  }

  private long count(Principal principal, String phrase, String conceptId) {
    SearchRequest.Builder r = SearchRequest.builder(principal).text(phrase).pageSize(1).exactTotal();
    if (conceptId != null) {
      r.concepts(conceptId);
    }
    return kb.searchUnrecorded(r.build()).totalHits();
  }

  private LabelMatcher matcher(Taxonomy taxonomy) {
    Dictionary d = dictionary;
    if (d == null || d.taxonomy() != taxonomy) {
      d = new Dictionary(taxonomy, LabelMatcher.of(taxonomy));
      dictionary = d;
    }
    return d.matcher();
  }

  /** Configures a {@link ConceptSuggester}. Not thread-safe. */
  public static final class Builder {
    private final KnowledgeBase kb;
    private int neighbours = 20;
    private String language = "en";

    private Builder(KnowledgeBase kb) {
      this.kb = kb;
    }

    /**
     * How many items most like the text are asked what they are about. Default 20.
     *
     * @param n 1 to 200
     * @return this builder
     * @throws ValidationException if out of range
     */
    public Builder neighbours(int n) {
      if (n < 1 || n > 200) {
        throw new ValidationException("neighbours", n, "1 to 200");
      }
      this.neighbours = n;
      return this;
    }

    /**
     * The language of the suggestions' labels ({@link Concept#prefLabel(String)}). Default {@code en}.
     *
     * @param tag a BCP 47 language tag, e.g. {@code zh}
     * @return this builder
     * @throws ValidationException if it is missing or malformed
     */
    public Builder language(String tag) {
      this.language = Checks.language("language", tag);
      return this;
    }

    /**
     * Builds the suggester.
     *
     * @return the suggester
     */
    public ConceptSuggester build() {
      return new ConceptSuggester(this);
    }
  }
}
