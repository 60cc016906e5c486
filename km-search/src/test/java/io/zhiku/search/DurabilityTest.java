package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.StorageException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.search.internal.LuceneIndexProvider;
import io.zhiku.testkit.Capability;
import io.zhiku.testkit.DurabilityKit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
 * The embedded engine passes the durability kit, crashed on Lucene's {@link MockDirectoryWrapper}; and,
 * beyond the kit, full disks and random I/O errors: what was committed survives, nothing uncommitted is
 * half there, the index checks clean, and callers get a {@link StorageException}.
 */
class DurabilityTest extends DurabilityKit {
  @Override
  protected Set<Capability> capabilities() {
    return Set.of(Capability.REOPEN, Capability.CRASH);
  }

  @Override
  protected KnowledgeBaseBuilder newKnowledgeBase() {
    return KnowledgeBase.builder().engine(new LuceneIndexProvider());
  }

  @Override
  protected Store newStore(Random random) {
    return new CrashableStore(random);
  }

  /** Items and events in memory, on crashable directories whose surviving files the next open reads. */
  private static final class CrashableStore implements Store {
    private final Random random;
    private Directory items = new ByteBuffersDirectory();
    private Directory events = new ByteBuffersDirectory();
    private MockDirectoryWrapper openItems;
    private MockDirectoryWrapper openEvents;

    CrashableStore(Random random) {
      this.random = random;
    }

    @Override
    public KnowledgeBaseBuilder open() {
      openItems = mock(random, items);
      openEvents = mock(random, events);
      return KnowledgeBase.builder().engine(LuceneIndexProvider.on(openItems, openEvents));
    }

    @Override
    public void crash() {
      try {
        openItems.crash(); // unsynced files are lost or corrupted, as after a power failure
        openEvents.crash();
        items = survivors(items);
        events = survivors(events);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
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

  @Test
  void diskFull_clearError_lastCommitReadable() throws IOException {
    ByteBuffersDirectory base = new ByteBuffersDirectory();
    MockDirectoryWrapper dir = mock(new Random(7), base);
    KnowledgeBase kb = open(dir);
    kb.put(faq("k0", "first"));
    kb.commit();
    long used = dir.sizeInBytes();
    dir.setMaxSizeInBytes(used + 2048);
    StorageException e = assertThrows(StorageException.class, () -> {
      for (int i = 1; i < IDS; i++) {
        kb.put(faq("k" + i, "big " + i).toBuilder().body("x".repeat(2000)).build());
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
  void randomIoErrors_onlyStorageExceptions_lastCommitReadable(Random r) throws IOException {
    ByteBuffersDirectory base = new ByteBuffersDirectory();
    MockDirectoryWrapper dir = mock(r, base);
    KnowledgeBase kb = open(dir);
    dir.setRandomIOExceptionRate(0.02 + r.nextDouble() * 0.1);
    List<Map<String, String>> acceptable = work(r, kb, 100); // any exception but StorageException fails the test
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
          recorded += kb.events().recordAll(batch).size();
        }
      }
    } catch (StorageException e) {
      // the engine failed; what counts is what was committed
    }
    events.setRandomIOExceptionRate(0);
    events.crash();
    abandon(kb);
    try (KnowledgeBase reopened = KnowledgeBase.builder().engine(LuceneIndexProvider.on(new ByteBuffersDirectory(), survivors(base)))
        .refreshInterval(Duration.ZERO).build()) {
      long count = reopened.events().count(EventQuery.ALL);
      assertTrue(acceptable.contains(count), "events after the crash " + count + " is one of the committed " + acceptable);
    }
  }
}
