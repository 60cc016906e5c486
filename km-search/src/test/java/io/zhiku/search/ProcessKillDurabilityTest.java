package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.testkit.Seeded;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability against a real crash: a child JVM writes batches of items and events to a knowledge base on
 * disk, committing each and then acknowledging it on its output; the test kills it with SIGKILL at a
 * random moment (often mid-commit, since the child does little else), reopens the directory and checks
 * that every acknowledged batch is there whole, that a batch is never there in part, that the Lucene
 * indexes pass {@link CheckIndex}, and that the knowledge base goes on writing.
 */
@Seeded
class ProcessKillDurabilityTest {
  private static final int ITEMS_PER_BATCH = 20;
  private static final int EVENTS_PER_BATCH = 30;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir
  Path dir;

  @RepeatedTest(4)
  void killedWhileCommitting_keepsEveryAcknowledgedBatchWhole(Random r) throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Xmx256m", Child.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    int killAfter = 3 + r.nextInt(25); // acknowledged batches before the kill
    long extraMillis = r.nextInt(40);
    // The child's acknowledgements are read as they come, also while the test sleeps before the kill: a
    // fast child may acknowledge more batches then, and those count as acknowledged.
    AtomicInteger acked = new AtomicInteger();
    CountDownLatch enough = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith("ACK ")) {
            int batch = Integer.parseInt(line.substring(4));
            if (acked.accumulateAndGet(batch, Math::max) >= killAfter) {
              enough.countDown();
            }
          }
        }
      } catch (IOException closedByTheKill) {
        // the stream ends with the child
      }
    });
    reader.start();
    assertTrue(enough.await(60, TimeUnit.SECONDS), "the child acknowledged " + killAfter + " batches");
    Thread.sleep(extraMillis); // into the next batch's writes or commit
    child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child died");
    reader.join(10_000);
    int acknowledged = acked.get();
    assertTrue(acknowledged >= killAfter, "the child acknowledged " + acknowledged + " batches before the kill, at least " + killAfter);

    for (String store : List.of("items", "events")) {
      Path path = dir.resolve(store);
      if (Files.isDirectory(path)) {
        try (FSDirectory d = FSDirectory.open(path); CheckIndex check = new CheckIndex(d)) {
          Files.deleteIfExists(path.resolve("write.lock")); // the dead process's lock file, not held by anyone
          assertTrue(check.checkIndex().clean, "CheckIndex of " + store + " after the kill");
        }
      }
    }
    try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).build()) {
      // Items and events are two stores, each committed whole: a kill between their commits may leave the
      // batch in flight in one of them only. Within each store a batch is whole or absent.
      int itemBatches = 0;
      int eventBatches = 0;
      for (int b = 1; b <= acknowledged + 2; b++) {
        int present = 0;
        for (int i = 0; i < ITEMS_PER_BATCH; i++) {
          present += kb.get(Child.id(b, i)).isPresent() ? 1 : 0;
        }
        long events = kb.events().count(EventQuery.builder().users(Child.user(b)).build());
        assertTrue(present == 0 || present == ITEMS_PER_BATCH, "batch " + b + " is whole or absent: " + present + " items");
        assertTrue(events == 0 || events == EVENTS_PER_BATCH, "batch " + b + " is whole or absent: " + events + " events");
        assertTrue(present == 0 || itemBatches == b - 1, "items of batch " + b + " follow every earlier batch");
        assertTrue(events == 0 || eventBatches == b - 1, "events of batch " + b + " follow every earlier batch");
        itemBatches = present > 0 ? b : itemBatches;
        eventBatches = events > 0 ? b : eventBatches;
      }
      int batches = itemBatches;
      for (int surviving : new int[] {itemBatches, eventBatches}) {
        assertTrue(surviving >= acknowledged, surviving + " batches survived, " + acknowledged + " were acknowledged");
        assertTrue(surviving <= acknowledged + 1, "at most the batch in flight survives unacknowledged");
      }
      assertEquals(kb.committedSequence(), kb.lastSequence());
      assertEquals((long) batches * ITEMS_PER_BATCH, kb.search(SearchRequest.builder(Principal.of("reader"))
          .text("batch").pageSize(1).build()).totalHits(), "the surviving items are searchable");
      kb.put(KnowledgeItem.builder("after", ItemKind.FAQ, "after the crash").acl(Acl.PUBLIC).build());
      kb.commit();
    }
  }

  /** The process that is killed: writes, commits and acknowledges batches until it dies. */
  public static final class Child {
    private Child() {}

    static String id(int batch, int i) {
      return "b" + batch + "-" + i;
    }

    static String user(int batch) {
      return "writer" + batch;
    }

    /**
     * Writes batches to the knowledge base in the directory given.
     *
     * @param args the directory
     */
    public static void main(String[] args) {
      PrintStream out = System.out;
      try (KnowledgeBase kb = KnowledgeBase.builder().directory(Path.of(args[0])).commitPolicy(CommitPolicy.manual())
          .refreshInterval(Duration.ZERO).build()) {
        for (int b = 1; b < 100_000; b++) {
          List<KnowledgeItem> items = new ArrayList<>();
          for (int i = 0; i < ITEMS_PER_BATCH; i++) {
            items.add(KnowledgeItem.builder(id(b, i), ItemKind.FAQ, "batch " + b + " item " + i)
                .body("written before the crash " + "text ".repeat(50)).acl(Acl.PUBLIC).build());
          }
          kb.putAll(items);
          List<UsageEvent> events = new ArrayList<>();
          for (int e = 0; e < EVENTS_PER_BATCH; e++) {
            events.add(UsageEvent.ofItem(UsageEventType.VIEW, T0.plusSeconds(b * 100L + e), Principal.of(user(b)), id(b, e % ITEMS_PER_BATCH)));
          }
          kb.events().recordAll(events);
          kb.commit();
          out.println("ACK " + b);
          out.flush();
        }
      } catch (RuntimeException e) {
        e.printStackTrace();
        System.exit(1);
      }
    }
  }
}
