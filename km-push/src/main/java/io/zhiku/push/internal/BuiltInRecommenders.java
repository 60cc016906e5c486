package io.zhiku.push.internal;

import io.zhiku.core.ValidationException;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.search.ScoredItem;
import io.zhiku.push.Candidate;
import io.zhiku.push.PushContext;
import io.zhiku.push.PushRule;
import io.zhiku.push.Reason;
import io.zhiku.push.Recommender;
import io.zhiku.push.Segment;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** The built-in recommenders; see the factories of {@link Recommender} for what each does. */
public final class BuiltInRecommenders {
  /** Everyone's usage counts this much of a segment's. */
  static final double EVERYONE_WEIGHT = 0.25;

  private BuiltInRecommenders() {}

  /** A recommender from a name and a function. */
  private record Named(String name, Body body) implements Recommender {
    @Override
    public List<Candidate> recommend(PushContext context, int limit) {
      return body.recommend(context, limit);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private interface Body {
    List<Candidate> recommend(PushContext context, int limit);
  }

  /** Candidates by item, keeping each item's best score and its reason. */
  private static final class Best {
    private final Map<String, Candidate> byItem = new LinkedHashMap<>();

    void offer(String itemId, double score, Reason reason) {
      Candidate c = byItem.get(itemId);
      if (c == null || score > c.score()) {
        byItem.put(itemId, new Candidate(itemId, score, reason));
      }
    }

    List<Candidate> top(int limit) {
      return byItem.values().stream()
          .sorted(java.util.Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::itemId))
          .limit(limit).toList();
    }
  }

  /** Sums of contributions per item, remembering the largest contribution's reason. */
  private static final class Sums {
    private final Map<String, double[]> sums = new HashMap<>(); // [sum, best contribution]
    private final Map<String, Reason> reasons = new HashMap<>();

    void add(String itemId, double contribution, Reason reason) {
      double[] s = sums.computeIfAbsent(itemId, k -> new double[2]);
      s[0] += contribution;
      if (contribution > s[1]) {
        s[1] = contribution;
        reasons.put(itemId, reason);
      }
    }

    List<Candidate> top(int limit) {
      Best best = new Best();
      sums.forEach((id, s) -> {
        if (s[0] > 0) {
          best.offer(id, s[0], reasons.get(id));
        }
      });
      return best.top(limit);
    }
  }

  /**
   * The static knowledge map.
   *
   * @param rules the rules
   * @return the recommender
   */
  public static Recommender rules(List<PushRule> rules) {
    List<PushRule> copy = List.copyOf(io.zhiku.core.internal.Checks.present("rules", rules));
    Set<String> ids = new java.util.HashSet<>();
    for (PushRule r : copy) {
      if (!ids.add(r.id())) {
        throw new ValidationException("rules", r.id(), "two rules share this id");
      }
    }
    return new Named("rules", (ctx, limit) -> {
      Best best = new Best();
      for (PushRule rule : copy) {
        if (!rule.when().test(ctx.work())) {
          continue;
        }
        Reason reason = new Reason("rules", "recommended for " + rule.purpose());
        for (String id : rule.items()) {
          if (ctx.item(id).isPresent()) {
            best.offer(id, rule.weight(), reason);
          }
        }
        for (String concept : rule.concepts()) {
          List<ScoredItem> newest = ctx.newest(Set.of(concept), limit);
          Reason under = new Reason("rules", "recommended for " + rule.purpose() + ": new under " + ctx.label(concept));
          for (int rank = 0; rank < newest.size(); rank++) {
            best.offer(newest.get(rank).itemId(), rule.weight() * 0.8 / (1 + 0.1 * rank), under);
          }
        }
      }
      return best.top(limit);
    });
  }

  /**
   * The dynamic knowledge map by use.
   *
   * @return the recommender
   */
  public static Recommender popularity() {
    return new Named("popularity", (ctx, limit) -> {
      Sums sums = perSegment(ctx, (s, n) -> ctx.popular(s, Set.of(), n), limit,
          (s, score) -> new Reason("popularity", "much used lately " + who(ctx, s) + uses(score)));
      if (!ctx.concepts().isEmpty()) {
        String labels = String.join(", ", ctx.concepts().stream().limit(3).map(ctx::label).toList());
        for (ScoredItem i : ctx.popular(Segment.EVERYONE, ctx.concepts(), limit)) {
          sums.add(i.itemId(), i.score(), new Reason("popularity", "much used lately under " + labels + uses(i.score())));
        }
      }
      return sums.top(limit);
    });
  }

  /** Sums each segment's items (everyone's counted {@value #EVERYONE_WEIGHT}), with the segment's reason. */
  private static Sums perSegment(PushContext ctx, BiFunction<Segment, Integer, List<ScoredItem>> items, int limit,
      BiFunction<Segment, Double, Reason> reason) {
    Sums sums = new Sums();
    for (Segment s : ctx.segments()) {
      double weight = s.equals(Segment.EVERYONE) ? EVERYONE_WEIGHT : 1;
      for (ScoredItem i : items.apply(s, limit)) {
        sums.add(i.itemId(), weight * i.score(), reason.apply(s, i.score()));
      }
    }
    return sums;
  }

  private static String uses(double decayed) {
    return about(decayed, "use", "uses");
  }

  /** " (about 3 recent uses)", or nothing below one. */
  private static String about(double decayed, String one, String many) {
    long n = Math.round(decayed);
    return n < 1 ? "" : " (about " + n + " recent " + (n == 1 ? one : many) + ")";
  }

  /** The people of a segment, in words. */
  static String who(PushContext ctx, Segment s) {
    return switch (s.dimension()) {
      case "everyone" -> "across the organisation";
      case "role" -> "by people in the role " + ctx.label(s.value());
      case "stage" -> "at the " + ctx.label(s.value()) + " stage";
      default -> "in " + s.dimension() + " " + ctx.label(s.value());
    };
  }

  /** How many half-lives old an item may be and still be pushed as new. */
  static final int FRESH_HALF_LIVES = 4;

  /**
   * The dynamic knowledge map by age.
   *
   * @param halfLife the age at which an item scores half
   * @return the recommender
   */
  public static Recommender freshness(Duration halfLife) {
    if (halfLife == null || halfLife.isNegative() || halfLife.isZero()) {
      throw new ValidationException("freshness.halfLife", halfLife, "must be a positive duration");
    }
    double half = halfLife.toMillis();
    long oldest = half > (double) Long.MAX_VALUE / FRESH_HALF_LIVES ? Long.MAX_VALUE : (long) half * FRESH_HALF_LIVES;
    return new Named("freshness", (ctx, limit) -> {
      Best best = new Best();
      List<String> concepts = ctx.concepts().isEmpty() ? java.util.Collections.singletonList(null) : List.copyOf(ctx.concepts());
      for (String concept : concepts) {
        for (ScoredItem i : ctx.newest(concept == null ? Set.of() : Set.of(concept), limit)) {
          long age = Math.max(0, ctx.now().toEpochMilli() - (long) i.score());
          double score = Math.pow(0.5, age / half);
          if (age <= oldest) { // an item many half-lives old is not new, however few newer ones there are
            String where = concept == null ? "" : " under " + ctx.label(concept);
            best.offer(i.itemId(), score, new Reason("freshness", "new" + where + ": updated " + ago(age)));
          }
        }
      }
      return best.top(limit);
    });
  }

  private static String ago(long millis) {
    long days = millis / 86_400_000L;
    if (days == 0) {
      return "today";
    }
    return days == 1 ? "yesterday" : days + " days ago";
  }

  /**
   * Content similarity.
   *
   * @return the recommender
   */
  public static Recommender similarContent() {
    return new Named("similar", (ctx, limit) -> {
      if (ctx.work().text().isBlank()) {
        return List.of();
      }
      Best best = new Best();
      Reason reason = new Reason("similar", "close to the text of the task at hand");
      for (ScoredItem i : ctx.similar(ctx.work().text(), limit)) {
        if (i.score() > 0) {
          best.offer(i.itemId(), i.score(), reason);
        }
      }
      return best.top(limit);
    });
  }

  /**
   * Co-usage.
   *
   * @param minSupport the fewest distinct people
   * @return the recommender
   */
  public static Recommender coUsage(int minSupport) {
    if (minSupport < 1) {
      throw new ValidationException("coUsage.minSupport", minSupport, "must be at least 1");
    }
    return new Named("co-usage", (ctx, limit) -> {
      Sums sums = new Sums();
      for (String anchor : ctx.anchors(10)) {
        String title = ctx.item(anchor).map(KnowledgeItem::title).orElse(null);
        if (title == null) {
          continue;
        }
        for (ScoredItem i : ctx.usedTogether(anchor, minSupport, limit)) {
          long people = Math.round(i.score());
          sums.add(i.itemId(), i.score(), new Reason("co-usage",
              "used by " + people + " people who also used \u201c" + shorten(title) + "\u201d"));
        }
      }
      return sums.top(limit);
    });
  }

  private static String shorten(String title) {
    return title.codePointCount(0, title.length()) <= 80 ? title
        : title.substring(0, title.offsetByCodePoints(0, 79)) + "\u2026";
  }

  /**
   * The feedback loop.
   *
   * @return the recommender
   */
  public static Recommender feedback() {
    return new Named("feedback", (ctx, limit) -> {
      return perSegment(ctx, ctx::accepted, limit, (s, score) -> new Reason("feedback",
          "accepted when pushed to others " + who(ctx, s) + about(score, "acceptance", "acceptances"))).top(limit);
    });
  }
}
