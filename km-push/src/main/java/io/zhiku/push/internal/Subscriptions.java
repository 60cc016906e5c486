package io.zhiku.push.internal;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.push.KnowledgePush;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every person's subscriptions, folded from the usage events that record them: {@link #SUBSCRIBE} and
 * {@link #UNSUBSCRIBE}, the concept in the context attribute {@link #CONCEPT}. Whatever order an instance
 * meets the events in (its own at once, other instances' as its refresh follows them, the stored ones when
 * attached), the state of a person and concept is that of the greatest event by {@link #ORDER}: the latest
 * by time, then an unsubscribe over a subscribe, then by the principal's groups and roles. So every
 * instance sharing an engine ends with the same subscriptions. An unsubscribe is kept as a state too, so
 * that an older subscribe met later does not bring the subscription back. Thread-safe.
 */
public final class Subscriptions {
  /** The event type of a subscription: {@link KnowledgePush#SUBSCRIBE}. */
  public static final UsageEventType SUBSCRIBE = KnowledgePush.SUBSCRIBE;
  /** The event type of the end of a subscription: {@link KnowledgePush#UNSUBSCRIBE}. */
  public static final UsageEventType UNSUBSCRIBE = KnowledgePush.UNSUBSCRIBE;
  /** The context attribute that names the concept: {@link KnowledgePush#SUBSCRIPTION_CONCEPT}. */
  public static final String CONCEPT = KnowledgePush.SUBSCRIPTION_CONCEPT;

  /** Which of two events about the same person and concept decides the state: the greater. */
  static final Comparator<State> ORDER = Comparator.comparingLong(State::timeMillis)
      .thenComparing(s -> !s.subscribed()) // at the same instant, unsubscribing wins
      .thenComparing(s -> new TreeSet<>(s.principal().groups()) + " " + new TreeSet<>(s.principal().roles()));

  /** User id -> concept id -> the state the greatest event so far left. */
  private final Map<String, Map<String, State>> byUser = new ConcurrentHashMap<>();

  /**
   * A person's subscription to a concept as one event left it.
   *
   * @param timeMillis when the event happened, epoch milliseconds
   * @param subscribed whether it subscribed ({@code false}: it ended the subscription)
   * @param principal the person as the event recorded it, with the groups and roles access is checked with
   */
  record State(long timeMillis, boolean subscribed, Principal principal) {}

  /**
   * A stored subscription event's state, read from its columns.
   *
   * @param row a row of type {@link #SUBSCRIBE} or {@link #UNSUBSCRIBE}
   * @return whether it changed a state
   */
  boolean apply(EventRow row) {
    String concept = row.contextAttribute(CONCEPT);
    if (concept == null) {
      return false; // not one of ours: a host's event of the same type without a concept
    }
    Principal p = Principal.of(row.userId(), row.principalGroups(), row.principalRoles());
    return apply(concept, new State(row.timeMillis(), SUBSCRIBE.name().equals(row.type()), p));
  }

  /**
   * An event just recorded or followed; events of other types are passed over.
   *
   * @param event any usage event
   * @return whether it changed a state
   */
  boolean apply(UsageEvent event) {
    boolean subscribe = event.type().equals(SUBSCRIBE);
    if (!subscribe && !event.type().equals(UNSUBSCRIBE) || event.context() == null) {
      return false;
    }
    String concept = event.context().attribute(CONCEPT);
    return concept != null && apply(concept, new State(event.time().toEpochMilli(), subscribe, event.principal()));
  }

  private boolean apply(String concept, State state) {
    Map<String, State> mine = byUser.computeIfAbsent(state.principal().userId(), k -> new ConcurrentHashMap<>());
    boolean[] changed = {false};
    mine.compute(concept, (k, old) -> {
      if (old == null || ORDER.compare(state, old) > 0) {
        changed[0] = true;
        return state;
      }
      return old;
    });
    return changed[0];
  }

  /**
   * @param userId a person
   * @return the concepts the person is subscribed to, sorted
   */
  Set<String> of(String userId) {
    Map<String, State> mine = byUser.get(userId);
    Set<String> out = new TreeSet<>();
    if (mine != null) {
      mine.forEach((concept, s) -> {
        if (s.subscribed()) {
          out.add(concept);
        }
      });
    }
    return out;
  }

  /**
   * @param userId a person
   * @param conceptId a concept
   * @return whether the person is subscribed to it
   */
  boolean contains(String userId, String conceptId) {
    Map<String, State> mine = byUser.get(userId);
    State s = mine == null ? null : mine.get(conceptId);
    return s != null && s.subscribed();
  }

  /**
   * @param userId a person
   * @param conceptId a concept
   * @return the time of the event that decided the person's state for the concept, epoch milliseconds, or
   *     {@link Long#MIN_VALUE} if there was none
   */
  long lastTime(String userId, String conceptId) {
    Map<String, State> mine = byUser.get(userId);
    State s = mine == null ? null : mine.get(conceptId);
    return s == null ? Long.MIN_VALUE : s.timeMillis();
  }

  /** @return whether nobody is subscribed to anything (a cheap, possibly stale, first check) */
  boolean isEmpty() {
    return byUser.isEmpty();
  }

  /** @return every subscription in force: concept id and subscriber */
  List<Map.Entry<String, State>> active() {
    List<Map.Entry<String, State>> out = new ArrayList<>();
    byUser.values().forEach(byConcept -> byConcept.forEach((concept, s) -> {
      if (s.subscribed()) {
        out.add(Map.entry(concept, s));
      }
    }));
    return out;
  }
}
