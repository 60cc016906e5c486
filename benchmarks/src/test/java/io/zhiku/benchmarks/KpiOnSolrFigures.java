package io.zhiku.benchmarks;

import io.zhiku.core.event.EventQuery;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.metrics.kpi.KpiEngine;
import io.zhiku.metrics.kpi.KpiReport;
import io.zhiku.metrics.kpi.KpiSegment;
import io.zhiku.metrics.kpi.MetricsSource;
import io.zhiku.solr.SolrConnection;
import io.zhiku.solr.SolrLayout;
import io.zhiku.solr.SolrSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.solr.cloud.MiniSolrCloudCluster;

/**
 * The KPI report over the same usage events on the embedded engine and on SolrCloud, side by side in one
 * run (issue 19), a plain program: {@link KpiReportBenchmark}'s corpus ({@code events} events of a year,
 * 10,000 items) written into a knowledge base on disk and into one on an in-process cluster (two nodes, a
 * 2-shard events collection, in this JVM), then every KPI of the year reported on each: one report to
 * warm up, then {@code runs} timed, with the figures of both checked equal. On Solr the report reads its
 * event columns through each shard's {@code /zhiku-columns} (km-solr-node). Run: {@code bash benchmarks/run KpiOnSolrFigures
 * [events] [runs]}.
 */
public final class KpiOnSolrFigures {
  private KpiOnSolrFigures() {}

  /**
   * Runs the figures and prints them.
   *
   * @param args events (default 10,000,000), timed runs (default 3)
   * @throws Exception if the cluster cannot start
   */
  public static void main(String[] args) throws Exception {
    KpiReportBenchmark corpus = new KpiReportBenchmark();
    corpus.events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    corpus.items = 10_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    System.setProperty("java.security.egd", "file:/dev/./urandom");
    Path dir = Files.createTempDirectory("zhiku-kpi-solr");
    MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(2, dir.resolve("solr")).build();
    try {
      SolrConnection connection = SolrConnection.zooKeeper(List.of(cluster.getZkServer().getZkHost()), "/solr");
      SolrLayout layout = SolrLayout.named("kpi").withSize(2, 1);
      SolrSetup.ensure(connection, layout);
      KnowledgeBase embedded = fill("embedded (Lucene, on disk)", corpus,
          KpiReportBenchmark.writer(KnowledgeBase.builder().directory(dir.resolve("embedded"))).recordSearches(false).build());
      KnowledgeBase solr = fill("SolrCloud, 2 shards", corpus, KpiReportBenchmark.writer(KnowledgeBase.builder()
          .engine("solr").engineOption(connection).engineOption(layout.existingOnly())).recordSearches(false).build());
      try (embedded; solr) {
        KpiReport[] reports = new KpiReport[2];
        String[] rows = new String[2];
        KnowledgeBase[] kbs = {embedded, solr};
        String[] names = {"embedded (Lucene, on disk)", "SolrCloud, 2 shards (columns handler)"};
        for (int k = 0; k < 2; k++) {
          KpiEngine engine = KpiEngine.builder(MetricsSource.of(kbs[k])).build();
          reports[k] = engine.report(KpiReportBenchmark.YEAR, KpiSegment.ALL); // warm-up
          double[] seconds = new double[runs];
          for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            engine.report(KpiReportBenchmark.YEAR, KpiSegment.ALL);
            seconds[i] = (System.nanoTime() - t) / 1e9;
          }
          Arrays.sort(seconds);
          rows[k] = String.format("| %s | %,d | %.2f | %.2f | %.2f |", names[k], kbs[k].events().count(EventQuery.ALL),
              seconds[0], seconds[runs / 2], seconds[runs - 1]);
        }
        KpiReportBenchmark.assertSameFigures(reports[0], reports[1]);
        System.out.println();
        System.out.println("| engine | events | report s (min) | median | max |");
        System.out.println("|---|---:|---:|---:|---:|");
        System.out.println(rows[0]);
        System.out.println(rows[1]);
        System.out.println("(the same figures on both)");
      }
    } finally {
      cluster.shutdown();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static KnowledgeBase fill(String name, KpiReportBenchmark corpus, KnowledgeBase kb) {
    long t = System.nanoTime();
    corpus.fill(kb);
    kb.refresh();
    double seconds = (System.nanoTime() - t) / 1e9;
    System.out.printf("%s: %,d items and %,d events written in %.0f s (%,.0f events/s)%n", name, corpus.items,
        corpus.events, seconds, corpus.events / seconds);
    return kb;
  }
}
