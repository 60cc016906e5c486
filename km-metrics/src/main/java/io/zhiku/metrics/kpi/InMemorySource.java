package io.zhiku.metrics.kpi;

import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.ObjectRow;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@link MetricsSource#of(Collection, Collection, Taxonomy)}: a scan checks each event object against the query. */
final class InMemorySource implements MetricsSource {
  private final List<UsageEvent> events;
  private final int[] userNumbers;
  private final int[] itemNumbers;
  private final List<KnowledgeItem> items;
  private final Taxonomy taxonomy;

  InMemorySource(Collection<UsageEvent> events, Collection<KnowledgeItem> items, Taxonomy taxonomy) {
    this.events = copy("events", events);
    Map<String, Integer> users = new HashMap<>();
    Map<String, Integer> itemIds = new HashMap<>();
    this.userNumbers = new int[this.events.size()];
    this.itemNumbers = new int[this.events.size()];
    for (int i = 0; i < userNumbers.length; i++) {
      UsageEvent e = this.events.get(i);
      userNumbers[i] = users.computeIfAbsent(e.principal().userId(), u -> users.size());
      itemNumbers[i] = e.itemId() == null ? -1 : itemIds.computeIfAbsent(e.itemId(), x -> itemIds.size());
    }
    this.items = copy("items", items);
    this.taxonomy = Checks.present("taxonomy", taxonomy);
  }

  private static <T> List<T> copy(String field, Collection<T> values) {
    List<T> out = new ArrayList<>(Checks.present(field, values));
    for (int i = 0; i < out.size(); i++) {
      Checks.present(field + "[" + i + "]", out.get(i));
    }
    return out;
  }

  @Override
  public void scanEvents(EventQuery query, Consumer<EventRow> visitor) {
    for (int i = 0; i < events.size(); i++) {
      UsageEvent e = events.get(i);
      if (matches(query, e)) {
        visitor.accept(new ObjectRow(i + 1, e, userNumbers[i], itemNumbers[i]));
      }
    }
  }

  /** The store's query semantics (see {@link EventQuery}) on one event object. */
  static boolean matches(EventQuery q, UsageEvent e) {
    if (q.from() != null && e.time().isBefore(q.from()) || q.before() != null && !e.time().isBefore(q.before())) {
      return false;
    }
    if (!q.types().isEmpty() && !q.types().contains(e.type())
        || !q.userIds().isEmpty() && !q.userIds().contains(e.principal().userId())
        || !q.itemIds().isEmpty() && (e.itemId() == null || !q.itemIds().contains(e.itemId()))) {
      return false;
    }
    if (!q.roles().isEmpty()) {
      String contextRole = e.context() == null ? null : e.context().role();
      boolean any = contextRole != null && q.roles().contains(contextRole);
      for (String r : e.principal().roles()) {
        any |= q.roles().contains(r);
      }
      if (!any) {
        return false;
      }
    }
    for (Map.Entry<String, String> a : q.contextAttributes().entrySet()) {
      if (e.context() == null || !a.getValue().equals(e.context().attribute(a.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void forEachItem(Consumer<KnowledgeItem> visitor) {
    items.forEach(visitor);
  }

  @Override
  public Taxonomy taxonomy() {
    return taxonomy;
  }
}
