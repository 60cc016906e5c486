package io.zhiku.metrics.kpi;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.taxonomy.Taxonomy;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link MetricsSource#visibleTo}: a source as one viewer sees it. The ids of the items the viewer may
 * read are listed at the first event scan and kept for the view's life (a ledger scans twice; each would
 * otherwise load every item again); scans pass on the events without an item and the events about those
 * items. Thread-safe: concurrent first scans may each list the ids, and one list wins.
 */
final class ViewerSource implements MetricsSource {
  private final MetricsSource source;
  private final Principal viewer;
  private volatile Set<String> readable;

  ViewerSource(MetricsSource source, Principal viewer) {
    this.source = source;
    this.viewer = viewer;
  }

  @Override
  public void scanEvents(EventQuery query, Consumer<EventRow> visitor) {
    Set<String> readable = readable();
    source.scanEvents(query, row -> {
      String itemId = row.itemId();
      if (itemId == null || readable.contains(itemId)) {
        visitor.accept(row);
      }
    });
  }

  private Set<String> readable() {
    Set<String> ids = readable;
    if (ids == null) {
      Set<String> listed = new HashSet<>();
      forEachItem(item -> listed.add(item.id()));
      readable = ids = listed;
    }
    return ids;
  }

  @Override
  public void forEachItem(Consumer<KnowledgeItem> visitor) {
    source.forEachItem(item -> {
      if (item.acl().permits(viewer)) {
        visitor.accept(item);
      }
    });
  }

  @Override
  public Taxonomy taxonomy() {
    return source.taxonomy();
  }

  @Override
  public MetricsSource visibleTo(Principal principal) {
    return principal.equals(viewer) ? this : MetricsSource.super.visibleTo(principal);
  }
}
