package io.zhiku.core.classify;

import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.Embeddings;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchHit;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.TextEmbedder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Warns before a put that the knowledge base may already hold what is being written: the existing items
 * most likely to say the same thing, each with a probability and a threshold to warn at ({@link
 * #LIKELY}). Capture as a side effect of work fails quietly when every answer is written again; this is
 * the check a host runs when someone saves a new FAQ, solution or case.
 *
 * <p><b>How.</b> The candidates are the readable items a search for the text finds ({@link
 * KnowledgeBase#searchUnrecorded}, so the check is not counted as someone's search; with an embedder on
 * the knowledge base, that search also finds paraphrases sharing no word). Each is compared with the
 * text ({@link #compare}): how many words they share, and, with an embedder given to this finder, how
 * close their meanings are; a logistic model turns the two into a probability ({@link Weights}). The
 * default weights were fitted on the odd-numbered pairs of the BQ and LCQMC dev sets (Chinese question
 * pairs labelled duplicate or not) and checked on the even-numbered ones; a host retrains them on its own
 * labelled pairs with {@link Weights#fit} (benchmarks' {@code DuplicateEvaluation} shows the procedure
 * and the figures).
 *
 * <p><b>Access.</b> Candidates come from the principal's own search: an item they may not read is never
 * a candidate, counted, or named.
 *
 * <p><b>Cost.</b> One search, and with an embedder one embedding of the text and one per candidate
 * ({@link Builder#candidates}, default 10), on the caller's thread. With km-embed's Chinese model that is
 * about 2 ms for a question-length text and 37 ms for an item with a 1 KB body (benchmarks'
 * {@code EmbeddingBenchmark}): from a few tens of milliseconds for FAQs to about 0.4 s for long items.
 *
 * <p>Thread-safe: immutable once built, if the embedder is.
 */
public final class DuplicateFinder {
  /** The probability from which a pair is likely a duplicate: more likely the same than not. */
  public static final double LIKELY = 0.5;
  /** The most possible duplicates one call returns. */
  public static final int MAX_LIMIT = 50;
  /** The most search hits one call compares ({@link Builder#candidates}). */
  public static final int MAX_CANDIDATES = 100;
  /** How much of an item's body is compared (chars): the start of a long body says what it is about. */
  public static final int COMPARED_BODY_CHARS = 1000;

  private final KnowledgeBase kb;
  private final TextEmbedder embedder;
  private final Weights weights;
  private final int candidates;

  private DuplicateFinder(Builder b) {
    this.kb = b.kb;
    this.embedder = b.embedder;
    this.weights = b.weights != null ? b.weights : b.embedder == null ? Weights.WORDS : Weights.WORDS_AND_MEANING;
    this.candidates = b.candidates;
  }

  /**
   * Starts configuring a finder over a knowledge base.
   *
   * @param kb the knowledge base whose items are the candidates
   * @return a builder
   * @throws ValidationException if it is missing
   */
  public static Builder builder(KnowledgeBase kb) {
    return new Builder(Checks.present("kb", kb));
  }

  /**
   * How likely two texts say the same thing. Reads no item.
   *
   * @param a a text
   * @param b another text
   * @return the score
   * @throws ValidationException if a text is missing, blank or longer than {@value WorkContext#MAX_TEXT_CHARS} characters
   * @throws ZhikuException if the embedder fails or returns a vector of the wrong length
   */
  public DuplicateScore compare(String a, String b) {
    Checks.workText("a", a);
    Checks.workText("b", b);
    return score(a, embedder == null ? null : embed(a, "the text a"), b);
  }

  /**
   * The existing items most likely to say the same as a text.
   *
   * @param principal who is writing: only items they may read are candidates
   * @param text what is being written
   * @param limit how many at most, 1 to {@value #MAX_LIMIT}
   * @return the possible duplicates, most likely first (ties by id), at most as many as the candidates
   *     compared; empty if nothing is alike. Warn on those whose {@link DuplicateScore#likely()} holds
   * @throws ValidationException if a part is missing, the text is blank or too long, or the limit is out of range
   * @throws ZhikuException if the embedder fails
   */
  public List<PossibleDuplicate> find(Principal principal, String text, int limit) {
    Checks.present("principal", principal);
    Checks.workText("text", text);
    checkLimit(limit);
    return find(principal, text, null, limit);
  }

  /**
   * The existing items most likely to say the same as an item about to be stored: its title and the
   * start of its body ({@value #COMPARED_BODY_CHARS} characters), never the item itself (an item with
   * its id).
   *
   * @param principal who is writing, usually the author
   * @param item the item
   * @param limit how many at most, 1 to {@value #MAX_LIMIT}
   * @return the possible duplicates, most likely first (ties by id)
   * @throws ValidationException if a part is missing or the limit is out of range
   * @throws ZhikuException if the embedder fails
   */
  public List<PossibleDuplicate> findFor(Principal principal, KnowledgeItem item, int limit) {
    Checks.present("principal", principal);
    Checks.present("item", item);
    checkLimit(limit);
    return find(principal, compared(item), item.id(), limit);
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit", limit, "1 to " + MAX_LIMIT);
    }
  }

  private List<PossibleDuplicate> find(Principal principal, String text, String selfId, int limit) {
    String query = Embeddings.prefix(text, SearchRequest.MAX_TEXT_CHARS); // chars: never more code points
    if (query.isBlank()) {
      return List.of();
    }
    List<SearchHit> hits = kb.searchUnrecorded(SearchRequest.builder(principal).text(query)
        .pageSize(candidates + 1).build()).hits();
    float[] vector = embedder == null ? null : embed(text, "the text");
    List<PossibleDuplicate> out = new ArrayList<>(hits.size());
    for (SearchHit hit : hits) {
      KnowledgeItem item = hit.item();
      if (!item.id().equals(selfId) && out.size() < candidates) {
        out.add(new PossibleDuplicate(item, score(text, vector, compared(item))));
      }
    }
    out.sort(Comparator.comparingDouble((PossibleDuplicate d) -> d.score().probability()).reversed()
        .thenComparing(d -> d.item().id()));
    return List.copyOf(out.subList(0, Math.min(limit, out.size())));
  }

  private DuplicateScore score(String text, float[] vector, String other) {
    double words = WordOverlap.cosine(text, other);
    double meaning = vector == null ? Double.NaN : cosine(vector, embed(other, "the text compared"));
    return new DuplicateScore(weights.probability(words, meaning), words, meaning);
  }

  /** What of an item is compared: its title and the start of its body. */
  static String compared(KnowledgeItem item) {
    String body = Embeddings.prefix(item.body(), COMPARED_BODY_CHARS);
    return body.isEmpty() ? item.title() : item.title() + "\n" + body;
  }

  private float[] embed(String text, String what) {
    return Embeddings.embed(embedder, text, what);
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
    }
    return aa == 0 || bb == 0 ? 0 : Math.max(-1, Math.min(1, dot / Math.sqrt(aa * bb)));
  }

  /**
   * The logistic model that turns a pair's similarities into a probability: {@code 1 / (1 + exp(−(intercept
   * + words × w + meaning × m)))}, the meaning term left out when there is no embedder. A value:
   * immutable and thread-safe.
   *
   * @param intercept the log-odds of a pair with no similarity
   * @param words the weight of {@link DuplicateScore#words()}
   * @param meaning the weight of {@link DuplicateScore#meaning()}; 0 for a model of words alone
   */
  public record Weights(double intercept, double words, double meaning) {
    /**
     * The default without an embedder, fitted on the odd-numbered pairs of BQ and LCQMC dev: likely a
     * duplicate from a words' similarity of 0.48.
     */
    public static final Weights WORDS = new Weights(-0.993, 2.069, 0);
    /**
     * The default with an embedder, fitted on the odd-numbered pairs of BQ and LCQMC dev with
     * bge-small-zh-v1.5 (km-embed's Chinese model): likely a duplicate from a cosine of 0.77. Given the
     * meaning, shared words add nothing there (both sets hold many pairs that share most words and differ
     * in what they ask), so their weight is 0. Another model's cosines spread differently: refit.
     */
    public static final Weights WORDS_AND_MEANING = new Weights(-6.480, 0, 8.436);

    /**
     * Validates.
     *
     * @param intercept finite
     * @param words finite
     * @param meaning finite
     */
    public Weights {
      finite("intercept", intercept);
      finite("words", words);
      finite("meaning", meaning);
    }

    private static void finite(String field, double value) {
      if (!Double.isFinite(value)) {
        throw new ValidationException(field, value, "a finite number");
      }
    }

    /**
     * The probability of a pair with these similarities.
     *
     * @param words the words' similarity
     * @param meaning the meanings' similarity, or {@code NaN} for none
     * @return 0 to 1
     */
    public double probability(double words, double meaning) {
      double z = intercept + this.words * words + (Double.isNaN(meaning) ? 0 : this.meaning * meaning);
      return 1 / (1 + Math.exp(-z));
    }

    /**
     * Fits the weights to labelled pairs by maximum likelihood (Newton's method, with a small ridge
     * penalty of 10⁻⁴ on the weights so that separable data still gives finite ones), with the weights of
     * the similarities kept at 0 or above: a pair that shares more words, or whose meanings are closer, is
     * never less likely a duplicate (where the unconstrained best weight of one is negative, the best
     * model without it is taken). Deterministic. Score the pairs with the finder that will use the weights
     * ({@link DuplicateFinder#compare}): a model of words alone when their meaning is {@code NaN}.
     *
     * @param examples the pairs' scores (only the similarities are read) and whether each is a duplicate;
     *     at least one of each kind
     * @return the fitted weights
     * @throws ValidationException if there are no examples, all have the same label, or some have a meaning
     *     and others not
     */
    public static Weights fit(List<Example> examples) {
      Checks.present("examples", examples);
      return LogisticFit.fit(examples);
    }
  }

  /**
   * A labelled pair for {@link Weights#fit}. A value: immutable and thread-safe.
   *
   * @param score the pair's score by the finder that will use the weights
   * @param duplicate whether the two say the same thing
   */
  public record Example(DuplicateScore score, boolean duplicate) {
    /**
     * Validates.
     *
     * @param score the score
     * @param duplicate the label
     */
    public Example {
      Checks.present("score", score);
    }
  }

  /** Configures a {@link DuplicateFinder}. Not thread-safe. */
  public static final class Builder {
    private final KnowledgeBase kb;
    private TextEmbedder embedder;
    private Weights weights;
    private int candidates = 10;

    private Builder(KnowledgeBase kb) {
      this.kb = kb;
    }

    /**
     * Compares meanings too, with this embedder: usually the one the knowledge base was built with.
     * Without one, only words are compared.
     *
     * @param embedder the embedder
     * @return this builder
     * @throws ValidationException if it is missing
     */
    public Builder embedder(TextEmbedder embedder) {
      this.embedder = Checks.present("embedder", embedder);
      return this;
    }

    /**
     * The model's weights. Default: {@link Weights#WORDS_AND_MEANING} with an embedder, {@link
     * Weights#WORDS} without.
     *
     * @param weights the weights, e.g. from {@link Weights#fit} on the host's own labelled pairs
     * @return this builder
     * @throws ValidationException if they are missing
     */
    public Builder weights(Weights weights) {
      this.weights = Checks.present("weights", weights);
      return this;
    }

    /**
     * How many of the search's hits are compared. Default 10.
     *
     * @param n 1 to {@value #MAX_CANDIDATES}
     * @return this builder
     * @throws ValidationException if out of range
     */
    public Builder candidates(int n) {
      if (n < 1 || n > MAX_CANDIDATES) {
        throw new ValidationException("candidates", n, "1 to " + MAX_CANDIDATES);
      }
      this.candidates = n;
      return this;
    }

    /**
     * Builds the finder.
     *
     * @return the finder
     */
    public DuplicateFinder build() {
      return new DuplicateFinder(this);
    }
  }
}
