package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.StorageException;
import io.zhiku.core.UnavailableException;
import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.VersionConflictException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kinds of failure a host tells apart: damaged files are a {@link StorageException} naming the files,
 * never retryable as they are (not an {@link UnavailableException}); bad input and version conflicts are
 * not storage failures, and leave the files as they were.
 */
class StorageFailureTest {
  @TempDir
  Path dir;

  private static KnowledgeItem faq(String id) {
    return KnowledgeItem.builder(id, ItemKind.FAQ, "VPN renewal " + id).acl(Acl.PUBLIC).build();
  }

  @Test
  void damagedItemIndex_isAStorageFailure_namingTheDirectory() throws IOException {
    try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).build()) {
      kb.put(faq("a"));
    }
    Path items = onlySegmentsFileUnder(dir);
    Files.write(items, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

    StorageException e = assertThrows(StorageException.class, () -> KnowledgeBase.builder().directory(dir).build());
    assertFalse(e instanceof UnavailableException, "a damaged file does not heal by waiting");
    assertTrue(e.getMessage().contains(items.getParent().toString()), e.getMessage());
  }

  @Test
  void badInputAndConflicts_changeNothing() {
    try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).build()) {
      KnowledgeItem a = kb.put(faq("a"));
      // Sibling types of StorageException (the compiler checks that they are not one):
      assertThrows(VersionConflictException.class, () -> kb.put(faq("a"), a.version() + 5));
      assertThrows(ValidationException.class, () -> kb.putAll(List.of(faq("b"), faq("b"))));
      kb.refresh();
      assertEquals(1, kb.stats().items());
      assertEquals(a.version(), kb.get("a").orElseThrow().version());
    }
  }

  private static Path onlySegmentsFileUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> segments = files.filter(p -> p.getFileName().toString().startsWith("segments_"))
          .filter(p -> !p.toString().contains("events")).toList();
      assertEquals(1, segments.size(), "one commit of the item index: " + segments);
      return segments.get(0);
    }
  }
}
