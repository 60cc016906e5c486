package io.zhiku.push.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.testkit.Seeded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Instances sharing an engine meet the same subscription events in different orders (their own at once,
 * the others' later, all of them when attached): the state must not depend on the order, and must be the
 * one the latest event decides.
 */
@Seeded
class SubscriptionsTest {
  private static final List<String> USERS = List.of("alice", "bob", "carol");
  private static final List<String> CONCEPTS = List.of("education", "healthcare");

  @RepeatedTest(20)
  void anyOrderOfTheSameEvents_endsInTheStateOfTheLatest(Random r) {
    Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String user = USERS.get(r.nextInt(USERS.size()));
      Principal p = Principal.of(user, r.nextBoolean() ? List.of("sales") : List.of("delivery"), List.of());
      Instant at = t0.plusMillis(r.nextInt(10)); // few distinct instants: ties are the hard case
      UsageEventType type = r.nextBoolean() ? Subscriptions.SUBSCRIBE : Subscriptions.UNSUBSCRIBE;
      WorkContext context = WorkContext.builder(p, at).attribute(Subscriptions.CONCEPT, CONCEPTS.get(r.nextInt(2))).build();
      events.add(UsageEvent.builder(type, at, p).context(context).build());
    }
    events.add(UsageEvent.ofItem(UsageEventType.VIEW, t0, Principal.of("alice"), "x")); // passed over
    Map<String, String> first = null;
    for (int round = 0; round < 5; round++) {
      Collections.shuffle(events, r);
      Subscriptions s = new Subscriptions();
      events.forEach(s::apply);
      Map<String, String> state = state(s);
      if (first == null) {
        first = state;
        assertEquals(reference(events), state, "the latest event of each person and concept decides");
      } else {
        assertEquals(first, state, "the same events in another order");
      }
    }
  }

  /** Who is subscribed to what, with the groups they subscribed with. */
  private static Map<String, String> state(Subscriptions s) {
    Map<String, String> out = new TreeMap<>();
    s.active().forEach(e -> out.put(e.getValue().principal().userId() + " " + e.getKey(),
        new TreeSet<>(e.getValue().principal().groups()).toString()));
    for (String user : USERS) {
      assertEquals(s.of(user), out.keySet().stream().filter(k -> k.startsWith(user + " "))
          .map(k -> k.substring(user.length() + 1)).collect(Collectors.toCollection(TreeSet::new)));
    }
    return out;
  }

  /** The rule written plainly: per person and concept, the event latest in time, unsubscribe first among ties, then groups. */
  private static Map<String, String> reference(List<UsageEvent> events) {
    Map<String, UsageEvent> latest = new TreeMap<>();
    for (UsageEvent e : events) {
      if (e.context() == null) {
        continue;
      }
      String key = e.principal().userId() + " " + e.context().attribute(Subscriptions.CONCEPT);
      UsageEvent old = latest.get(key);
      if (old == null || rank(e).compareTo(rank(old)) > 0) {
        latest.put(key, e);
      }
    }
    Map<String, String> out = new TreeMap<>();
    latest.forEach((key, e) -> {
      if (e.type().equals(Subscriptions.SUBSCRIBE)) {
        out.put(key, new TreeSet<>(e.principal().groups()).toString());
      }
    });
    return out;
  }

  private static String rank(UsageEvent e) {
    return String.format("%020d %d %s", e.time().toEpochMilli(), e.type().equals(Subscriptions.UNSUBSCRIBE) ? 1 : 0,
        new TreeSet<>(e.principal().groups()) + " " + new TreeSet<>(e.principal().roles()));
  }
}
