package io.zhiku.push;

import io.zhiku.push.internal.BuiltInRecommenders;
import java.time.Duration;
import java.util.List;

/**
 * A source of push candidates: given where a person is in their work, the items that could help now,
 * each with a reason in business language. The knowledge base blends the candidates of every enabled
 * recommender (see {@link PushSettings}).
 *
 * <p>The built-ins are static factories; a host adds its own by implementing this interface. A
 * recommender works only through its {@link PushContext}, whose answers hold only items the principal
 * may read; the blend checks access again all the same. Implementations must be thread-safe (pushes run
 * concurrently) and should be fast: a push waits for every recommender.
 */
public interface Recommender {
  /**
   * The recommender's name: what settings refer to it by and what its reasons carry as their source.
   *
   * @return a token ({@code a-z 0-9 -})
   */
  String name();

  /**
   * Proposes candidates.
   *
   * @param context the person's work and what the recommender may ask about the knowledge base
   * @param limit how many candidates the blend wants at most
   * @return candidates, best first; each item at most once
   */
  List<Candidate> recommend(PushContext context, int limit);

  /**
   * The static knowledge map ({@code "rules"}): the rules whose condition the context meets; their items,
   * then the newest items under their concepts. A rule's candidates score its weight (concept items a
   * little less, newest first).
   *
   * @param rules the curated rules
   * @return the recommender
   */
  static Recommender rules(List<PushRule> rules) {
    return BuiltInRecommenders.rules(rules);
  }

  /**
   * The dynamic knowledge map, by use ({@code "popularity"}): the items most used lately in the person's
   * segments (role, stage, industry...) and under the context's concepts, decayed with the knowledge
   * base's half-life. Everyone's usage counts a quarter of a segment's.
   *
   * @return the recommender
   */
  static Recommender popularity() {
    return BuiltInRecommenders.popularity();
  }

  /**
   * The dynamic knowledge map, by age ({@code "freshness"}): the newest items under the context's concepts
   * (all items when there are none), scored {@code 0.5^(age / halfLife)}; items more than four half-lives
   * old (a score under 1/16) are not new and are left out.
   *
   * @param halfLife the age at which an item scores half
   * @return the recommender
   */
  static Recommender freshness(Duration halfLife) {
    return BuiltInRecommenders.freshness(halfLife);
  }

  /**
   * Content similarity ({@code "similar"}): items whose text is like the context's text (MoreLikeThis,
   * Chinese and English).
   *
   * @return the recommender
   */
  static Recommender similarContent() {
    return BuiltInRecommenders.similarContent();
  }

  /**
   * Co-usage ({@code "co-usage"}): items other people used together with the items this work is anchored
   * on (what the person used lately, what was used in the same project or for the same customer). A pair
   * counts only when at least {@code minSupport} distinct other people used both, so one person cannot
   * create a trend.
   *
   * @param minSupport the fewest distinct people, at least 1
   * @return the recommender
   */
  static Recommender coUsage(int minSupport) {
    return BuiltInRecommenders.coUsage(minSupport);
  }

  /**
   * The feedback loop ({@code "feedback"}): items whose pushes people in the same segments (stage, role,
   * industry) accepted more than they dismissed, lately.
   *
   * @return the recommender
   */
  static Recommender feedback() {
    return BuiltInRecommenders.feedback();
  }
}
