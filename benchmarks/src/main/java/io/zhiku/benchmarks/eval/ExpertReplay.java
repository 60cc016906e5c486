package io.zhiku.benchmarks.eval;

import io.zhiku.benchmarks.eval.StackExchangeDump.Post;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.graph.KnowledgeGraph;
import io.zhiku.testkit.TestClock;
import io.zhiku.core.search.TextEmbedder;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The temporal protocol of the expert evaluations: a dump replayed in time order into a knowledge base
 * (questions and answers as items, answers as {@code answered} events, each accepted answer as an {@code
 * accepted} event by the asker at the answer's time: the dump does not say when it was accepted), and,
 * for each question in a window of the timeline that has an accepted answer by a known user, a call
 * before the question is added, so that only earlier data can be used.
 *
 * <p>The window is given as shares of the questions in time order: {@code [0.7, 1.0)} is the last 30%
 * (the test window the evaluation reports), {@code [0.3, 0.7)} the window defaults are tuned on.
 */
final class ExpertReplay {
  /** Where the reported questions start: the last 30% of the timeline. */
  static final double TEST_FROM = 0.7;
  /** Where the questions used to choose defaults start; they end where the test window starts. */
  static final double TUNE_FROM = 0.3;

  private ExpertReplay() {}

  /**
   * One question to rank people for.
   *
   * @param post the question
   * @param context its work context: the asker, the time, the title and at most 2,000 characters of the
   *     body as text, the tags as concepts
   * @param target the author of the accepted answer, as a user id
   * @param answerers everyone who answered it (at any time), as user ids
   * @param reachable whether the target answered anything earlier
   */
  record Question(Post post, WorkContext context, String target, Set<String> answerers, boolean reachable) {
    String asker() {
      return context.principal().userId();
    }

    String text() {
      return context.text();
    }
  }

  /** What a system sees of the replay. */
  interface Visitor {
    /**
     * A question of the window, before it is added; the knowledge base is refreshed.
     *
     * @param kb the knowledge base holding every earlier post
     * @param graph its graph
     * @param clock the replay's clock, at the question's time
     */
    void question(Question q, KnowledgeBase kb, KnowledgeGraph graph, TestClock clock) throws IOException;

    /** A post just added to the knowledge base. */
    default void added(Post p) throws IOException {}
  }

  /**
   * Replays a dump.
   *
   * @param from where the window starts, as a share of the questions
   * @param to where it ends (exclusive), 1 for the end
   * @return how many questions the visitor was asked about
   */
  static int run(StackExchangeDump dump, double from, double to, Visitor visitor) throws IOException {
    return run(dump, from, to, null, visitor);
  }

  /**
   * Replays a dump into a knowledge base with an embedder.
   *
   * @param from where the window starts, as a share of the questions
   * @param to where it ends (exclusive), 1 for the end
   * @param embedder the knowledge base's embedder, or {@code null} for none
   * @return how many questions the visitor was asked about
   */
  static int run(StackExchangeDump dump, double from, double to, TextEmbedder embedder, Visitor visitor) throws IOException {
    List<Post> posts = dump.posts();
    Map<String, Post> byId = dump.byId();
    List<Post> questions = posts.stream().filter(Post::question).toList();
    Instant start = questions.get((int) (questions.size() * from)).created();
    Instant end = to >= 1 ? Instant.MAX : questions.get((int) (questions.size() * to)).created();
    Map<String, Set<String>> answerers = new HashMap<>();
    for (Post p : posts) {
      if (!p.question() && p.parentId() != null && p.owner() != null) {
        answerers.computeIfAbsent(p.parentId(), k -> new HashSet<>()).add("user-" + p.owner());
      }
    }
    Set<String> answeredBefore = new HashSet<>();
    TestClock clock = new TestClock(Instant.EPOCH);
    int asked = 0;
    try (KnowledgeBase kb = dump.knowledgeBase(clock, embedder);
        KnowledgeGraph graph = KnowledgeGraph.builder(kb).build()) {
      for (Post p : posts) {
        clock.set(p.created());
        Post accepted = p.question() && p.acceptedAnswerId() != null ? byId.get(p.acceptedAnswerId()) : null;
        if (accepted != null && accepted.owner() != null && !p.created().isBefore(start) && p.created().isBefore(end)) {
          kb.refresh();
          String target = "user-" + accepted.owner();
          String text = p.title() + "\n" + (p.body().length() > 2000 ? p.body().substring(0, 2000) : p.body());
          WorkContext ctx = WorkContext.builder(StackExchangeDump.person(p), p.created()).text(text)
              .concepts(p.tags().stream().map(StackExchangeDump::tagId).toArray(String[]::new)).build();
          visitor.question(new Question(p, ctx, target, answerers.getOrDefault(p.id(), Set.of()),
              answeredBefore.contains(target)), kb, graph, clock);
          asked++;
        }
        StackExchangeDump.add(kb, p, byId);
        if (!p.question() && p.owner() != null) {
          answeredBefore.add("user-" + p.owner());
          Post question = byId.get(p.parentId());
          if (question != null && p.id().equals(question.acceptedAnswerId())) {
            kb.record(UsageEvent.ofItem(UsageEventType.ACCEPTED, p.created(), StackExchangeDump.person(question), p.id()));
          }
        }
        visitor.added(p);
      }
    }
    return asked;
  }
}
