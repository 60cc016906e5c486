package io.zhiku.search.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.zhiku.core.access.Acl;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.testkit.Seeded;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KnowledgeIndex#forEachSummary} on Lucene, read from doc values and postings rather than the
 * stored items, against the items themselves; and {@link KnowledgeIndex#forEachItem}, which must give
 * exactly the live items.
 */
@Seeded
class ItemSummariesTest {
  @RepeatedTest(10)
  void summaries_equalThoseOfTheLiveItems_acrossSegmentsUpdatesDeletesAndReopening(Random r, @TempDir Path dir)
      throws IOException {
    Map<String, KnowledgeItem> live = new HashMap<>();
    long sequence = 0;
    try (KnowledgeIndex index = LuceneIndexProvider.open(FSDirectory.open(dir))) {
      for (int batch = 0; batch < 25; batch++) {
        List<ItemChange> changes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int k = r.nextInt(12); k > 0; k--) {
          String id = "i" + r.nextInt(80);
          if (!ids.add(id)) {
            continue;
          }
          if (r.nextInt(5) == 0) {
            changes.add(new ItemChange.Delete(++sequence, id, 1));
            live.remove(id);
          } else {
            KnowledgeItem item = item(r, id, batch);
            changes.add(new ItemChange.Put(++sequence, item));
            live.put(id, item);
          }
        }
        index.apply(changes);
        if (r.nextBoolean()) {
          index.refresh(); // a new segment
        }
      }
      index.refresh();
      assertEquals(expected(live), summaries(index));
      assertEquals(live, items(index), "forEachItem");
      index.commit();
    }
    try (KnowledgeIndex reopened = LuceneIndexProvider.open(FSDirectory.open(dir))) {
      assertEquals(expected(live), summaries(reopened), "after reopening");
      assertEquals(live, items(reopened), "forEachItem after reopening");
    }
  }

  private static KnowledgeItem item(Random r, String id, int batch) {
    Acl acl = switch (r.nextInt(5)) {
      case 0 -> Acl.PUBLIC;
      case 1 -> Acl.NOBODY;
      case 2 -> Acl.users("u" + r.nextInt(5), "u" + r.nextInt(5));
      case 3 -> Acl.roles("r" + r.nextInt(3));
      default -> Acl.allow(List.of("u" + r.nextInt(5)), List.of("g" + r.nextInt(4), "g" + r.nextInt(4)), List.of("r" + r.nextInt(3)));
    };
    List<String> concepts = new ArrayList<>();
    for (int k = r.nextInt(4); k > 0; k--) {
      concepts.add("c" + r.nextInt(8));
    }
    Instant updated = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * batch + r.nextInt(100));
    return KnowledgeItem.builder(id, ItemKind.SOLUTION, "title " + id).acl(acl).concepts(concepts)
        .status(ItemStatus.values()[r.nextInt(ItemStatus.values().length)])
        .stored(updated.minusSeconds(10), updated, 1 + batch).build();
  }

  private static Map<String, ItemSummary> expected(Map<String, KnowledgeItem> live) {
    Map<String, ItemSummary> out = new HashMap<>();
    live.forEach((id, item) -> out.put(id, ItemSummary.of(item)));
    return out;
  }

  private static Map<String, ItemSummary> summaries(KnowledgeIndex index) {
    Map<String, ItemSummary> out = new HashMap<>();
    index.forEachSummary(s -> assertNull(out.put(s.id(), s), "one summary per item"));
    return out;
  }

  private static Map<String, KnowledgeItem> items(KnowledgeIndex index) {
    Map<String, KnowledgeItem> out = new HashMap<>();
    index.forEachItem(item -> assertNull(out.put(item.id(), item), "each live item once"));
    return out;
  }
}
