package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
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

  /** A crashable directory over the base, whose files outlive the knowledge base that closes it. */
  static MockDirectoryWrapper mock(Random r, Directory base) {
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
  static Directory survivors(Directory base) throws IOException {
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

  /** Random batches of events, commits and random I/O errors on the event store, then a crash. */
  @RepeatedTest(20)
  void events_crashOrIoErrors_keepExactlyACommittedCount(Random r) throws IOException {
    ByteBuffersDirectory base = new ByteBuffersDirectory();
    MockDirectoryWrapper events = mock(r, base);
    KnowledgeBase kb = KnowledgeBase.builder().engine(LuceneIndexProvider.on(new ByteBuffersDirectory(), events))
        .refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).build();
    if (r.nextBoolean()) {
      events.setRandomIOExceptionRate(0.01 + r.nextDouble() * 0.05);
    }
    List<Long> acceptable = new ArrayList<>(List.of(0L));
    long recorded = 0;
    java.time.Instant t = java.time.Instant.parse("2026-11-01T00:00:00Z");
    try {
      for (int step = 0; step < 40 + r.nextInt(60); step++) {
        if (r.nextInt(5) == 0) {
          acceptable.add(recorded); // a commit that fails late may still have reached the disk
          kb.commit();
          acceptable.clear();
          acceptable.add(recorded);
        } else {
          List<UsageEvent> batch = new ArrayList<>();
          for (int i = 1 + r.nextInt(20); i > 0; i--) {
            batch.add(UsageEvent.ofItem(UsageEventType.VIEW, t, Principal.of("u" + r.nextInt(5)), "k" + r.nextInt(IDS)));
          }
          recorded += kb.recordAll(batch).size();
        }
      }
    } catch (ZhikuException e) {
      // the engine failed; what counts is what was committed
    }
    events.setRandomIOExceptionRate(0);
    events.crash();
    abandon(kb);
    try (KnowledgeBase reopened = KnowledgeBase.builder().engine(LuceneIndexProvider.on(new ByteBuffersDirectory(), survivors(base)))
        .refreshInterval(Duration.ZERO).build()) {
      long count = reopened.countEvents(EventQuery.ALL);
      assertTrue(acceptable.contains(count), "events after the crash " + count + " is one of the committed " + acceptable);
    }
  }
}
