package io.zhiku.benchmarks;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.ChangeListener;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.spi.EventStore;
import io.zhiku.core.spi.IndexSettings;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.spi.KnowledgeIndexProvider;
import io.zhiku.search.internal.LuceneIndexProvider;
import io.zhiku.solr.internal.SolrCollections;
import io.zhiku.solr.internal.SolrKnowledgeIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.solr.cloud.MiniSolrCloudCluster;

/**
 * The scale-out figures side by side in one run (issue 19), a plain program rather than JMH: a SolrCloud
 * round trip is milliseconds, and what matters is the distribution over many calls on one warm setup.
 *
 * <ul>
 *   <li><b>Indexing</b>: {@code items} English items of about 1 KB ({@link Corpus}: 80% readable by one to
 *       three of 100 groups) through {@code KnowledgeBase.putAll} in batches of 100, then one refresh:
 *       items per second on the embedded engine (on disk) and on a 1-shard and a 2-shard collection of an
 *       in-process SolrCloud (two nodes, one replica per shard, in this JVM).
 *   <li><b>Queries</b>: two-word searches by a principal in 20 groups (top 10, exact total, highlights),
 *       200 to warm up, then {@code queries} timed one by one: p50, p99 and mean, in milliseconds.
 *   <li><b>Change-feed lag</b>: two knowledge bases on one 2-shard collection; one writes an item every
 *       20 ms for {@code lagSeconds}; the other (refresh interval 1 s, the default) hears each through its
 *       change listener: the time from the write's return to the other's hearing, p50 and p99.
 * </ul>
 *
 * <p>Events stay in each knowledge base's embedded store here: {@link KpiOnSolrFigures} measures the events
 * collection. Run:
 * {@code bash benchmarks/run ScaleOutFigures [items] [queries] [lagSeconds]}.
 */
public final class ScaleOutFigures {
  private ScaleOutFigures() {}

  /**
   * Runs the figures and prints a table.
   *
   * @param args items (default 20,000), queries (default 2,000), lag seconds (default 30)
   * @throws Exception if the cluster cannot start
   */
  public static void main(String[] args) throws Exception {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int queries = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int lagSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    System.setProperty("java.security.egd", "file:/dev/./urandom");
    List<KnowledgeItem> corpus = Corpus.items(items, "en", 1000, 100, 50, 42);
    Path dir = Files.createTempDirectory("zhiku-scale-out");
    MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(2, dir.resolve("solr")).build();
    try {
      List<String> rows = new ArrayList<>();
      rows.add(figures("embedded (Lucene, on disk)", KnowledgeBase.builder().directory(dir.resolve("embedded")), corpus, queries));
      for (int shards : new int[] {1, 2}) {
        String collection = "bench" + shards;
        SolrCollections.ensure(cluster.getSolrClient(), "zhiku", collection, shards, 1);
        cluster.waitForActiveCollection(collection, shards, shards);
        rows.add(figures("SolrCloud, " + shards + " shard" + (shards > 1 ? "s" : ""),
            KnowledgeBase.builder().engine(itemsOnSolr(cluster, collection)), corpus, queries));
      }
      SolrCollections.ensure(cluster.getSolrClient(), "zhiku", "lag", 2, 1);
      cluster.waitForActiveCollection("lag", 2, 2);
      String lag = lag(cluster, lagSeconds);
      System.out.println();
      System.out.println("| engine | items/s (putAll of 100) | query p50 ms | query p99 ms | query mean ms |");
      System.out.println("|---|---:|---:|---:|---:|");
      rows.forEach(System.out::println);
      System.out.println();
      System.out.println(lag);
    } finally {
      cluster.shutdown();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static String figures(String engine, KnowledgeBaseBuilder builder, List<KnowledgeItem> corpus, int queries) {
    try (KnowledgeBase kb = builder.refreshInterval(Duration.ofSeconds(1)).recordSearches(false).build()) {
      long start = System.nanoTime();
      for (int from = 0; from < corpus.size(); from += 100) {
        kb.putAll(corpus.subList(from, Math.min(corpus.size(), from + 100)));
      }
      kb.refresh();
      double seconds = (System.nanoTime() - start) / 1e9;
      Random r = new Random(7);
      List<String> groups = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        groups.add("g" + r.nextInt(100));
      }
      Principal principal = Principal.of("bench-user", groups, List.of());
      String[] words = Corpus.vocabulary("en");
      long[] nanos = new long[queries];
      long hits = 0;
      for (int q = -200; q < queries; q++) {
        String text = words[r.nextInt(words.length)] + " " + words[r.nextInt(words.length)];
        long t = System.nanoTime();
        hits += kb.search(SearchRequest.builder(principal).text(text).build()).totalHits();
        if (q >= 0) {
          nanos[q] = System.nanoTime() - t;
        }
      }
      Arrays.sort(nanos);
      double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
      System.out.printf("%s: %d items in %.1f s; %d queries, %.0f hits on average%n", engine, corpus.size(), seconds,
          queries, hits / (double) (queries + 200));
      return String.format("| %s | %.0f | %.2f | %.2f | %.2f |", engine, corpus.size() / seconds,
          nanos[queries / 2] / 1e6, nanos[(int) Math.ceil(queries * 0.99) - 1] / 1e6, mean);
    }
  }

  /** One instance writes steadily; the other hears each write through its change listener. */
  private static String lag(MiniSolrCloudCluster cluster, int seconds) throws InterruptedException {
    Map<String, Long> written = new ConcurrentHashMap<>();
    Map<String, Long> heard = new ConcurrentHashMap<>();
    try (KnowledgeBase writer = KnowledgeBase.builder().engine(itemsOnSolr(cluster, "lag")).recordSearches(false).build();
        KnowledgeBase follower = KnowledgeBase.builder().engine(itemsOnSolr(cluster, "lag")).recordSearches(false).build()) {
      follower.addChangeListener(new ChangeListener() {
        @Override
        public void itemsChanged(List<ItemChange> changes) {
          long now = System.nanoTime();
          changes.forEach(c -> heard.putIfAbsent(c.id(), now));
        }

        @Override
        public void eventsRecorded(List<UsageEvent> events, long firstSequence) {}
      });
      List<KnowledgeItem> items = Corpus.items(seconds * 50, "en", 300, 100, 0, 9);
      long next = System.nanoTime();
      for (KnowledgeItem item : items) {
        writer.put(item);
        written.put(item.id(), System.nanoTime());
        next += 20_000_000L;
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
      }
      Thread.sleep(5_000); // the last writes' lag
    }
    long[] lags = written.entrySet().stream().filter(e -> heard.containsKey(e.getKey()))
        .mapToLong(e -> heard.get(e.getKey()) - e.getValue()).sorted().toArray();
    if (lags.length == 0) {
      return "change-feed lag: nothing heard of " + written.size() + " writes";
    }
    return String.format("change-feed lag (2 shards, 50 writes/s for %d s, follower refresh 1 s): %d of %d writes heard;"
        + " p50 %.0f ms, p99 %.0f ms, max %.0f ms", seconds, lags.length, written.size(), lags[lags.length / 2] / 1e6,
        lags[(int) Math.ceil(lags.length * 0.99) - 1] / 1e6, lags[lags.length - 1] / 1e6);
  }

  /** The Solr item store on a collection, with events in an embedded in-memory store. */
  private static KnowledgeIndexProvider itemsOnSolr(MiniSolrCloudCluster cluster, String collection) {
    return new KnowledgeIndexProvider() {
      @Override
      public String name() {
        return "solr-items";
      }

      @Override
      public KnowledgeIndex open(IndexSettings settings) {
        return new SolrKnowledgeIndex(cluster.getSolrClient(), collection, Duration.ofSeconds(10));
      }

      @Override
      public EventStore openEvents(IndexSettings settings) {
        return new LuceneIndexProvider().openEvents(new IndexSettings(null));
      }
    };
  }
}
