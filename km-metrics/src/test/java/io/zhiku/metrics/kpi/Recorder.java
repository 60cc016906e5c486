package io.zhiku.metrics.kpi;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.taxonomy.Taxonomy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds the events and items of a test as a host would record them. */
public final class Recorder {
  public final List<UsageEvent> events = new ArrayList<>();
  public final List<KnowledgeItem> items = new ArrayList<>();

  public static Instant at(String isoInstant) {
    return Instant.parse(isoInstant);
  }

  public static Principal person(String user, String... groups) {
    return Principal.of(user, Set.of(groups), Set.of());
  }

  public Recorder item(KnowledgeItem item) {
    items.add(item);
    return this;
  }

  public Recorder event(UsageEventType type, String user, String time, String itemId) {
    return add(new UsageEvent(null, type, at(time), person(user), itemId, null, null, null, null));
  }

  public Recorder valued(UsageEventType type, String user, String time, String itemId, double value) {
    return add(new UsageEvent(null, type, at(time), person(user), itemId, null, null, null, value));
  }

  public Recorder search(String user, String time, int results) {
    return add(UsageEvent.ofSearch(at(time), person(user), "q", results, null));
  }

  /** An event in a work context carrying one attribute (case, question, project). */
  public Recorder keyed(UsageEventType type, String user, String time, String itemId, String key, String value, Double v) {
    Principal p = person(user);
    WorkContext c = WorkContext.builder(p, at(time)).attribute(key, value).build();
    String query = type.requiresQuery() ? "question " + value : null;
    return add(new UsageEvent(null, type, at(time), p, itemId, c, query, null, v));
  }

  public Recorder add(UsageEvent e) {
    events.add(e);
    return this;
  }

  public MetricsSource source(Taxonomy taxonomy) {
    return MetricsSource.of(events, items, taxonomy);
  }
}
