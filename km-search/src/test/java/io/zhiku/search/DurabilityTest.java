package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.testing.Seeded;
import io.zhiku.search.internal.LuceneIndexProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.tests.store.MockDirectoryWrapper;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Crashes, full disks and I/O errors on Lucene's {@link MockDirectoryWrapper}: what was committed
 * survives, nothing uncommitted is half there, the index checks clean, and callers get a {@link
 * ZhikuException}.
 */
@Seeded
class DurabilityTest {
  private static final int IDS = 30;

  private static KnowledgeBase open(Directory dir) {
    return KnowledgeBase.builder().engine(LuceneIndexProvider.on(dir)).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).build();
  }

  private static MockDirectoryWrapper mock(Random r, Directory base) {
    // The abandoned knowledge base closes its directory; the files must outlive it for the reopen.
    Directory keepOpen = new FilterDirectory(base) {
      @Override
      public void close() {}
    };
    MockDirectoryWrapper dir = new MockDirectoryWrapper(r, keepOpen);
    dir.setCheckIndexOnClose(false);
    dir.setAssertNoUnrefencedFilesOnClose(false);
    dir.setUseSlowOpenClosers(false);
    dir.setThrottling(MockDirectoryWrapper.Throttling.NEVER);
    return dir;
  }

  /** Abandons a knowledge base whose directory crashed or failed: whatever close does is irrelevant. */
  private static void abandon(KnowledgeBase kb) {
    try {
      kb.close();
    } catch (Throwable expected) {
      // the directory is gone or broken; only what was committed before counts
    }
  }

  /** A copy of the surviving files, without the dead writer's lock, checked with CheckIndex. */
  private static Directory survivors(Directory base) throws IOException {
    ByteBuffersDirectory copy = new ByteBuffersDirectory();
    for (String file : base.listAll()) {
      if (!file.equals("write.lock")) {
        copy.copyFrom(base, file, file, IOContext.DEFAULT);
      }
    }
    if (!DirectoryReader.indexExists(copy)) {
      return copy; // crashed before the first commit: nothing to keep, the reopen starts empty
    }
    try (CheckIndex check = new CheckIndex(copy)) {
      CheckIndex.Status status = check.checkIndex();
      assertTrue(status.clean, "CheckIndex after the failure is clean");
    }
    return copy;
  }

  /** The stored titles by id: the state the test compares. */
  private static Map<String, String> state(KnowledgeBase kb) {
    Map<String, String> out = new TreeMap<>();
    for (int i = 0; i < IDS; i++) {
      kb.get("k" + i).ifPresent(item -> out.put(item.id(), item.title()));
    }
    return out;
  }

  private static KnowledgeItem item(String id, String title) {
    return KnowledgeItem.builder(id, ItemKind.FAQ, title).body("body of " + title).acl(Acl.PUBLIC).build();
  }

  /** Random puts, deletes and commits; returns the committed states a reopened index may show. */
  private static List<Map<String, String>> work(Random r, KnowledgeBase kb, int steps, long[] committedSequence) {
    Map<String, String> current = new TreeMap<>();
    List<Map<String, String>> acceptable = new ArrayList<>(List.of(new TreeMap<>()));
    for (int step = 0; step < steps; step++) {
      String id = "k" + r.nextInt(IDS);
      try {
        switch (r.nextInt(6)) {
          case 0 -> {
            if (kb.delete(id)) {
              current.remove(id);
            }
          }
          case 1 -> {
            Map<String, String> attempted = new TreeMap<>(current);
            acceptable.add(attempted); // if the commit fails late, it may still have reached the disk
            committedSequence[0] = kb.commit();
            acceptable.clear();
            acceptable.add(attempted);
          }
          default -> {
            String title = "t" + step;
            kb.put(item(id, title));
            current.put(id, title);
          }
        }
      } catch (ZhikuException e) {
        return acceptable; // the engine failed; what counts is what was committed
      }
    }
    return acceptable;
  }

  @RepeatedTest(30)
  void crashAtARandomPoint_keepsExactlyACommittedState(Random r) throws IOException {
    ByteBuffersDirectory base = new ByteBuffersDirectory();
    MockDirectoryWrapper dir = mock(r, base);
    KnowledgeBase kb = open(dir);
    long[] committed = {0};
    List<Map<String, String>> acceptable = work(r, kb, 20 + r.nextInt(120), committed);
    dir.crash(); // unsynced files are lost or corrupted, as after a power failure
    abandon(kb);
    try (KnowledgeBase reopened = open(survivors(base))) {
      Map<String, String> state = state(reopened);
      assertTrue(acceptable.contains(state), "state after crash " + state + " is one of the committed " + acceptable);
      assertEquals(reopened.committedSequence(), reopened.lastSequence());
      reopened.put(item("k0", "after"));
      assertEquals(reopened.committedSequence() + 1, reopened.lastSequence(), "sequence numbers continue");
    }
  }

  @Test
  void diskFull_clearError_lastCommitReadable() throws IOException {
    ByteBuffersDirectory base = new ByteBuffersDirectory();
    MockDirectoryWrapper dir = mock(new Random(7), base);
    KnowledgeBase kb = open(dir);
    kb.put(item("k0", "first"));
    kb.commit();
    long used = dir.sizeInBytes();
    dir.setMaxSizeInBytes(used + 2048);
    ZhikuException e = assertThrows(ZhikuException.class, () -> {
      for (int i = 1; i < IDS; i++) {
        kb.put(item("k" + i, "big " + i).toBuilder().body("x".repeat(2000)).build());
      }
      kb.commit();
    });
    assertTrue(e.getMessage().contains("disk full"), e.getMessage());
    abandon(kb);
    try (KnowledgeBase reopened = open(survivors(base))) {
      assertEquals(Map.of("k0", "first"), state(reopened));
    }
  }

  @RepeatedTest(20)
  void randomIoErrors_onlyZhikuExceptions_lastCommitReadable(Random r) throws IOException {
    ByteBuffersDirectory base = new ByteBuffersDirectory();
    MockDirectoryWrapper dir = mock(r, base);
    KnowledgeBase kb = open(dir);
    dir.setRandomIOExceptionRate(0.02 + r.nextDouble() * 0.1);
    long[] committed = {0};
    List<Map<String, String>> acceptable = work(r, kb, 100, committed); // any exception but ZhikuException fails the test
    dir.setRandomIOExceptionRate(0);
    abandon(kb);
    try (KnowledgeBase reopened = open(survivors(base))) {
      Map<String, String> state = state(reopened);
      assertTrue(acceptable.contains(state), "state " + state + " is one of the committed " + acceptable);
    }
  }
}
