package io.zhiku.solr.internal;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.VersionConflictException;
import io.zhiku.solr.SolrConnection;
import io.zhiku.solr.SolrLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The second JVM of {@code SolrTwoProcessTest}: a host instance in a process of its own, on the cluster the
 * test started, through the registered engine exactly as an application server would open it. Says it is
 * ready, increments the shared counter with expected versions (retrying on conflicts) while the test does
 * the same, writes its items and events, and prints what it did, one line each, for the test to read.
 *
 * <p>Arguments: ZooKeeper host, chroot, collection prefix, name of this instance, increments to make.
 */
final class OtherProcess {
  /** The id of the counter both processes increment. */
  static final String COUNTER = "counter";

  private OtherProcess() {}

  public static void main(String[] args) {
    String zkHost = args[0];
    String chroot = args[1];
    String prefix = args[2];
    String name = args[3];
    int increments = Integer.parseInt(args[4]);
    try (KnowledgeBase kb = KnowledgeBase.builder().engine("solr")
        .engineOption(SolrConnection.zooKeeper(List.of(zkHost), chroot))
        .engineOption(SolrLayout.named(prefix).existingOnly())
        .refreshInterval(Duration.ofSeconds(1)).build()) {
      System.out.println("ready");
      System.out.flush();
      int conflicts = increment(kb, increments); // while the test's JVM does the same
      Principal me = Principal.of(name, List.of("sales"), List.of());
      for (int i = 0; i < 20; i++) {
        kb.put(KnowledgeItem.builder(name + "-" + i, ItemKind.SOLUTION, "Written by " + name + " number " + i)
            .acl(Acl.PUBLIC).build());
        kb.record(new UsageEvent(name + "-view-" + i, UsageEventType.VIEW, Instant.parse("2026-12-01T00:00:00Z"), me,
            name + "-" + i, null, null, null, null));
      }
      System.out.println("conflicts " + conflicts);
      System.out.println("done");
    }
  }

  /**
   * Adds one to the shared counter item, {@code n} times, each write with the version it read, read again
   * and retried on a conflict (used by the test's own JVM too).
   *
   * @return how many writes conflicted
   */
  static int increment(KnowledgeBase kb, int n) {
    int conflicts = 0;
    for (int i = 0; i < n; i++) {
      while (true) {
        KnowledgeItem current = kb.get(COUNTER).orElseThrow();
        int value = Integer.parseInt(current.body());
        try {
          kb.put(current.toBuilder().body(Integer.toString(value + 1)).build(), current.version());
          break;
        } catch (VersionConflictException e) {
          conflicts++;
        }
      }
    }
    return conflicts;
  }
}
