package io.zhiku.metrics.kpi;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.internal.RowBlocks;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.taxonomy.Taxonomy;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the KPIs of one {@link KpiEngine} call share: the source, the items (loaded once, on first use), the
 * taxonomy, and who views the figures.
 */
final class Inputs {
  final MetricsSource source;
  final Taxonomy taxonomy;
  final Principal viewer;
  private Map<String, KnowledgeItem> items;

  Inputs(MetricsSource source, Principal viewer) {
    this.source = source;
    this.taxonomy = source.taxonomy();
    this.viewer = viewer;
  }

  Map<String, KnowledgeItem> items() {
    if (items == null) {
      Map<String, KnowledgeItem> all = new HashMap<>();
      source.forEachItem(item -> all.put(item.id(), item));
      items = Collections.unmodifiableMap(all);
    }
    return items;
  }

  /** The filter of a segment, for this call's viewer. */
  Filter filter(KpiSegment segment) {
    return new Filter(segment);
  }

  /** Which events and items a segment (and the viewer) selects: see {@link KpiSegment}. */
  final class Filter {
    final KpiSegment segment;
    private final Set<String> concepts;
    private final boolean needsItem;

    Filter(KpiSegment segment) {
      this.segment = segment;
      if (segment.concept() == null) {
        concepts = null;
      } else {
        concepts = new HashSet<>(taxonomy.contains(segment.concept()) ? taxonomy.descendants(segment.concept()) : Set.of());
        concepts.add(segment.concept());
      }
      needsItem = segment.selectsItems() || viewer != null;
    }

    /** The query with the segment's role and attributes, which the store can filter on. */
    EventQuery narrow(EventQuery q) {
      if (segment.role() == null && segment.attributes().isEmpty()) {
        return q;
      }
      Map<String, String> attributes = new HashMap<>(q.contextAttributes());
      attributes.putAll(segment.attributes()); // a conflicting key is caught by the row test
      Set<String> roles = q.roles().isEmpty() && segment.role() != null ? Set.of(segment.role()) : q.roles();
      return new EventQuery(q.from(), q.before(), q.types(), q.userIds(), q.itemIds(), roles, attributes);
    }

    /** Whether a row belongs to the segment and, for a viewer, is about an item the viewer may read. */
    boolean test(EventRow row) {
      if (segment.unit() != null && !row.principalGroups().contains(segment.unit())) {
        return false;
      }
      if (segment.role() != null && !segment.role().equals(row.contextRole()) && !row.principalRoles().contains(segment.role())) {
        return false;
      }
      for (Map.Entry<String, String> a : segment.attributes().entrySet()) {
        if (!a.getValue().equals(row.contextAttribute(a.getKey()))) {
          return false;
        }
      }
      if (!needsItem) {
        return true;
      }
      String itemId = row.itemId();
      if (itemId == null) {
        return !segment.selectsItems();
      }
      KnowledgeItem item = Inputs.this.items().get(itemId);
      return item == null ? viewer == null && !segment.selectsItems() : testItemKnowledge(item);
    }

    /** Whether an item belongs to the segment (owner unit, concept, kind) and the viewer may read it. */
    boolean testItem(KnowledgeItem item) {
      return (segment.unit() == null || segment.unit().equals(item.ownerUnit())) && testItemKnowledge(item);
    }

    private boolean testItemKnowledge(KnowledgeItem item) {
      if (segment.kind() != null && !segment.kind().equals(item.kind())) {
        return false;
      }
      if (concepts != null && Collections.disjoint(concepts, item.concepts())) {
        return false;
      }
      return viewer == null || item.acl().permits(viewer);
    }

    /** The concepts a coverage figure is over: the segment's concept and narrower ones, or every concept. */
    Collection<String> concepts() {
      if (concepts != null) {
        return concepts;
      }
      return taxonomy.concepts().stream().map(c -> c.id()).toList();
    }

    /** Whether every event of the source belongs, so that scans need no test per row. */
    boolean everyEvent() {
      return segment.unit() == null && segment.role() == null && segment.attributes().isEmpty() && !needsItem;
    }

    void scan(EventQuery q, Consumer<EventRow> visitor) {
      if (everyEvent()) {
        source.scanEvents(q, visitor);
        return;
      }
      source.scanEvents(narrow(q), row -> {
        if (test(row)) {
          visitor.accept(row);
        }
      });
    }

    /**
     * Blocks of the events that belong: the source's own blocks when every event belongs, else the rows
     * that pass the test, gathered into blocks, with each row also handed to {@code rows} (which may be
     * {@code null}).
     */
    void scanBlocks(EventQuery q, EventColumns columns, Consumer<EventBlock> blocks, Consumer<EventRow> rows) {
      if (rows == null && everyEvent()) {
        source.scanEventBlocks(q, columns, blocks);
        return;
      }
      RowBlocks gather = new RowBlocks(columns, RowBlocks.CAPACITY, blocks);
      scan(q, rows == null ? gather : row -> {
        rows.accept(row);
        gather.accept(row);
      });
      gather.flush();
    }

    Taxonomy taxonomy() {
      return taxonomy;
    }

    MetricsSource source() {
      return source;
    }

    KnowledgeItem item(String id) {
      KnowledgeItem item = Inputs.this.items().get(id);
      return item != null && (viewer == null || item.acl().permits(viewer)) ? item : null;
    }

    List<KnowledgeItem> selectedItems() {
      return Inputs.this.items().values().stream().filter(this::testItem).toList();
    }
  }
}
