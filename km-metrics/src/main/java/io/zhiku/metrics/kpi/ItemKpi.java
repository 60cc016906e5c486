package io.zhiku.metrics.kpi;

import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.KnowledgeItem;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * KPIs over the items as they stood at the period's end (the items that existed then, with their current
 * status, review and verification dates): reuse rate, coverage and overdue reviews.
 */
final class ItemKpi extends DefinedKpi {
  /** Which figure. */
  enum Figure {
    REUSE, COVERAGE, OVERDUE
  }

  private final Figure figure;

  ItemKpi(KpiDefinition definition, Figure figure) {
    super(definition);
    this.figure = figure;
  }

  /** Whether an item existed and was published at an instant (items never saved count as existing). */
  static boolean published(KnowledgeItem item, Instant at) {
    return item.status() == ItemStatus.PUBLISHED && (item.created() == null || item.created().isBefore(at));
  }

  @Override
  public Collector collector(KpiScope scope) {
    Instant end = scope.period().end();
    return new BlockCollector(scope) {
      private final Set<String> reused = new HashSet<>();
      private final BitSet reusedNumbers = new BitSet(); // the same items, by item number

      @Override
      void require(EventColumns.Builder columns) {
        if (figure == Figure.REUSE) {
          columns.read(EventColumns.Column.ITEM, UsageEventType.REUSE);
        }
      }

      @Override
      void accept(BlockRows rows) {
        if (figure != Figure.REUSE) {
          return;
        }
        EventBlock b = rows.block();
        for (int j = rows.from(UsageEventType.REUSE), to = rows.to(UsageEventType.REUSE); j < to; j++) {
          int i = rows.row(j);
          int number = b.itemNumber(i);
          if (number >= 0 && !reusedNumbers.get(number)) {
            String itemId = b.itemId(i);
            KnowledgeItem item = scope.itemOrNull(itemId);
            if (item != null && !item.authors().contains(b.userId(i))) {
              reused.add(itemId);
              reusedNumbers.set(number);
            }
          }
        }
      }

      @Override
      public KpiValue finish() {
        return switch (figure) {
          case REUSE -> {
            long items = 0;
            long hits = 0;
            for (KnowledgeItem item : scope.items()) {
              if (published(item, end)) {
                items++;
                hits += reused.contains(item.id()) ? 1 : 0;
              }
            }
            yield scope.rate(hits, items);
          }
          case OVERDUE -> {
            long items = 0;
            long overdue = 0;
            for (KnowledgeItem item : scope.items()) {
              if (published(item, end)) {
                items++;
                overdue += item.reviewDue(end) ? 1 : 0;
              }
            }
            yield scope.rate(overdue, items);
          }
          case COVERAGE -> coverage();
        };
      }

      private KpiValue coverage() {
        Set<String> concepts = new HashSet<>(scope.concepts());
        if (concepts.isEmpty()) {
          return scope.none(KpiValue.Shape.RATE, scope.texts().get("note.no-concepts"));
        }
        Set<String> covered = new HashSet<>();
        for (KnowledgeItem item : scope.items()) {
          if (published(item, end) && item.verifiedAt() != null && item.verifiedAt().isBefore(end) && !item.reviewDue(end)) {
            for (String c : item.concepts()) {
              if (concepts.contains(c)) {
                covered.add(c);
              }
            }
          }
        }
        return scope.rate(covered.size(), concepts.size());
      }
    };
  }
}
