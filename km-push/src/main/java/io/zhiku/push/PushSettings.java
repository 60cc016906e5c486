package io.zhiku.push;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a knowledge base pushes: which recommenders, their weights, and the rules of the blend. Build with
 * {@link #builder()}; {@link #DEFAULTS} is what a knowledge base uses unless told otherwise.
 *
 * <p><b>The blend</b> (deterministic): each recommender's candidate scores are divided by its best score
 * and multiplied by its weight; an item's score is the sum over recommenders. Items the principal may
 * not read are dropped first; then items the person already used (viewed, clicked, reused, accepted),
 * dismissed, or was shown {@link #maxShows()} times within {@link #showWindow()}; then archived and
 * draft items. Variety: the items are picked greedily, best first, each one's score multiplied by
 * {@link #variety()} for every already-picked item that shares a concept with it, the work context's own
 * concepts excepted (being about what the person works on is the point, not a repetition). Ties go to the smaller
 * item id. The pushed items are recorded as {@code push-shown} events unless {@link #recordShown()} is
 * off.
 *
 * <p>Defaults: rules (weight 2, no rules), popularity 1, freshness 0.5 (half-life 30 days), similar
 * content 1, co-usage 0.8 (support 2), feedback 1; usage half-life 30 days; popularity counted for the
 * context attributes {@code industry} and {@code product}; at most 3 shows in 30 days; variety 0.7.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param recommenders the enabled recommenders with their weights, in order
 * @param halfLife how fast usage and acceptance fade in popularity counts
 * @param segmentAttributes the context attribute keys whose values form popularity segments
 * @param maxShows after this many shows within the window, an item is not pushed to that person again
 * @param showWindow the window of {@code maxShows}
 * @param variety the factor per shared concept, in (0, 1]; 1 for no variety
 * @param recordShown whether pushes are recorded as {@code push-shown} events
 */
public record PushSettings(Map<Recommender, Double> recommenders, Duration halfLife, Set<String> segmentAttributes,
    int maxShows, Duration showWindow, double variety, boolean recordShown) {
  /** The most recommenders. */
  public static final int MAX_RECOMMENDERS = 64;
  /** The settings a knowledge base uses unless told otherwise. */
  public static final PushSettings DEFAULTS = builder().build();

  /**
   * Validates and copies.
   *
   * @param recommenders the enabled recommenders with their weights, in order
   * @param halfLife how fast usage and acceptance fade in popularity counts
   * @param segmentAttributes the context attribute keys whose values form popularity segments
   * @param maxShows after this many shows within the window, an item is not pushed to that person again
   * @param showWindow the window of {@code maxShows}
   * @param variety the factor per shared concept, in (0, 1]; 1 for no variety
   * @param recordShown whether pushes are recorded as {@code push-shown} events
   * @throws ValidationException if a setting is out of range or two recommenders share a name
   */
  public PushSettings {
    Checks.count("PushSettings.recommenders", Checks.present("PushSettings.recommenders", recommenders).size(),
        MAX_RECOMMENDERS);
    Set<String> names = new java.util.HashSet<>();
    recommenders.forEach((r, w) -> {
      Checks.token("PushSettings.recommenders", r.name());
      if (!names.add(r.name())) {
        throw new ValidationException("PushSettings.recommenders", r.name(), "two recommenders share this name");
      }
      weight(r.name(), w);
    });
    recommenders = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recommenders));
    positive("PushSettings.halfLife", halfLife);
    segmentAttributes = Checks.set("PushSettings.segmentAttributes", segmentAttributes, 64);
    segmentAttributes.forEach(k -> Checks.key("PushSettings.segmentAttributes", k));
    if (maxShows < 1) {
      throw new ValidationException("PushSettings.maxShows", maxShows, "must be at least 1");
    }
    positive("PushSettings.showWindow", showWindow);
    if (!(variety > 0 && variety <= 1)) {
      throw new ValidationException("PushSettings.variety", variety, "must be in (0, 1]");
    }
  }

  private static double weight(String name, Double w) {
    if (w == null || !(w > 0) || !Double.isFinite(w)) {
      throw new ValidationException("PushSettings.weight[" + name + "]", w, "must be finite and positive");
    }
    return w;
  }

  private static void positive(String field, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new ValidationException(field, d, "must be a positive duration");
    }
  }

  /**
   * Starts from the defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The enabled recommender of a name.
   *
   * @param name the name
   * @return the recommender, or {@code null}
   */
  public Recommender recommender(String name) {
    return recommenders.keySet().stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
  }

  /** Builds {@link PushSettings}, starting from the defaults. Not thread-safe. */
  public static final class Builder {
    private final List<Recommender> order = new ArrayList<>();
    private final Map<String, Double> weights = new LinkedHashMap<>();
    private final Map<String, Recommender> byName = new LinkedHashMap<>();
    private Duration halfLife = Duration.ofDays(30);
    private Set<String> segmentAttributes = Set.of("industry", "product");
    private int maxShows = 3;
    private Duration showWindow = Duration.ofDays(30);
    private double variety = 0.7;
    private boolean recordShown = true;

    private Builder() {
      recommender(Recommender.rules(List.of()), 2);
      recommender(Recommender.popularity(), 1);
      recommender(Recommender.freshness(Duration.ofDays(30)), 0.5);
      recommender(Recommender.similarContent(), 1);
      recommender(Recommender.coUsage(2), 0.8);
      recommender(Recommender.feedback(), 1);
    }

    /**
     * Adds a recommender, or replaces the one of the same name (a built-in included).
     *
     * @param r the recommender
     * @param weight its weight, finite and positive
     * @return this builder
     */
    public Builder recommender(Recommender r, double weight) {
      Checks.present("recommender", r);
      String name = Checks.token("recommender.name", r.name());
      PushSettings.weight(name, weight);
      if (!byName.containsKey(name)) {
        order.add(r);
      } else {
        order.set(order.indexOf(byName.get(name)), r);
      }
      byName.put(name, r);
      weights.put(name, weight);
      return this;
    }

    /**
     * Sets the curated rules of the static knowledge map (the {@code "rules"} recommender, weight kept).
     *
     * @param rules the rules
     * @return this builder
     */
    public Builder rules(List<PushRule> rules) {
      return recommender(Recommender.rules(rules), weights.getOrDefault("rules", 2.0));
    }

    /**
     * Re-weights an enabled recommender.
     *
     * @param name its name
     * @param weight finite and positive
     * @return this builder
     * @throws ValidationException if no enabled recommender has the name
     */
    public Builder weight(String name, double weight) {
      if (!byName.containsKey(name)) {
        throw new ValidationException("PushSettings.weight", name, "no enabled recommender has this name " + byName.keySet());
      }
      weights.put(name, PushSettings.weight(name, weight));
      return this;
    }

    /**
     * Switches a recommender off.
     *
     * @param name its name
     * @return this builder
     * @throws ValidationException if no enabled recommender has the name
     */
    public Builder disable(String name) {
      Recommender r = byName.remove(name);
      if (r == null) {
        throw new ValidationException("PushSettings.disable", name, "no enabled recommender has this name");
      }
      order.remove(r);
      weights.remove(name);
      return this;
    }

    /**
     * @param d how fast usage fades (positive)
     * @return this builder
     */
    public Builder halfLife(Duration d) {
      positive("PushSettings.halfLife", d);
      this.halfLife = d;
      return this;
    }

    /**
     * @param keys context attribute keys whose values form popularity segments
     * @return this builder
     */
    public Builder segmentAttributes(Set<String> keys) {
      this.segmentAttributes = Checks.present("segmentAttributes", keys);
      return this;
    }

    /**
     * Limits how often one item is pushed to one person.
     *
     * @param shows at most this many shows (at least 1)
     * @param window within this window
     * @return this builder
     */
    public Builder maxShows(int shows, Duration window) {
      this.maxShows = shows;
      this.showWindow = window;
      return this;
    }

    /**
     * @param factor per shared concept (other than the work context's), in (0, 1]; 1 turns variety off
     * @return this builder
     */
    public Builder variety(double factor) {
      this.variety = factor;
      return this;
    }

    /**
     * @param record whether pushes are recorded as push-shown events
     * @return this builder
     */
    public Builder recordShown(boolean record) {
      this.recordShown = record;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the settings
     * @throws ValidationException if a setting is out of range
     */
    public PushSettings build() {
      Map<Recommender, Double> out = new LinkedHashMap<>();
      for (Recommender r : order) {
        out.put(r, weights.get(r.name()));
      }
      return new PushSettings(out, halfLife, segmentAttributes, maxShows, showWindow, variety, recordShown);
    }
  }
}
