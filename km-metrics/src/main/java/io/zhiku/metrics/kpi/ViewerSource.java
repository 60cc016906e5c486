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
 * {@link MetricsSource#visibleTo}: a source as one viewer sees it. Each scan first lists the items the
 * viewer may read (so it sees the source as it is at that moment), then passes on the events without an
 * item and the events about those items.
 */
final class ViewerSource implements MetricsSource {
  private final MetricsSource source;
  private final Principal viewer;

  ViewerSource(MetricsSource source, Principal viewer) {
    this.source = source;
    this.viewer = viewer;
  }

  @Override
  public void scanEvents(EventQuery query, Consumer<EventRow> visitor) {
    Set<String> readable = new HashSet<>();
    forEachItem(item -> readable.add(item.id()));
    source.scanEvents(query, row -> {
      String itemId = row.itemId();
      if (itemId == null || readable.contains(itemId)) {
        visitor.accept(row);
      }
    });
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
