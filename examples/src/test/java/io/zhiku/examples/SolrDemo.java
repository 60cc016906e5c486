package io.zhiku.examples;

import com.google.common.io.MoreFiles;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.solr.SolrConnection;
import io.zhiku.solr.SolrLayout;
import io.zhiku.solr.SolrSetup;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.solr.cloud.MiniSolrCloudCluster;

/**
 * The demo on SolrCloud ({@code mvn -B -q -Pdemo-solr -pl examples -am verify -DskipTests}): starts a
 * two-node cluster and its ZooKeeper inside this JVM (nothing to install; a real cluster is reached the same
 * way, by its ZooKeeper address), creates the collections, and runs {@link Demo}'s story with one builder
 * line changed. Then a second instance, as a second application server would, opens the same knowledge base
 * and finds what the first one wrote.
 *
 * <p>Among the test sources because the in-process cluster comes from {@code solr-test-framework}; a host
 * depends on {@code km-solr} only.
 */
public final class SolrDemo {
  private SolrDemo() {}

  /**
   * Runs the demo on an in-process cluster, printing to standard output.
   *
   * @param args optionally the directory to write the report to (a new temporary one by default)
   * @throws Exception if the cluster cannot start or stop
   */
  public static void main(String[] args) throws Exception {
    Path outDir = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("zhiku-demo-solr-");
    run(new PrintStream(System.out, true, StandardCharsets.UTF_8), outDir, FourLibraries.findSeeds());
  }

  /**
   * Runs the story on an in-process cluster, which it stops and deletes at the end.
   *
   * @param out where to print
   * @param outDir where the report files go
   * @param seeds the seed articles' directory, if any
   * @return the HTML report
   * @throws Exception if the cluster cannot start or stop
   */
  static Path run(PrintStream out, Path outDir, Optional<Path> seeds) throws Exception {
    Path html;
    Path clusterDir = Files.createTempDirectory("zhiku-solr-cluster-");
    out.println("== 0. An in-process SolrCloud: ZooKeeper and two Solr 9.10.1 nodes in this JVM");
    MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(2, clusterDir).build();
    try {
      SolrConnection connection = SolrConnection.zooKeeper(List.of(cluster.getZkServer().getZkHost()), "/solr");
      SolrLayout layout = SolrLayout.named("demo").withSize(2, 2);
      int created = SolrSetup.ensure(connection, layout);
      out.println("  " + connection);
      out.println("  " + created + " collections created (" + layout.items() + ", " + layout.events() + "): "
          + layout.shards() + " shards x " + layout.replicas() + " replicas, Zhiku's configset uploaded");
      out.println("  the one line that changes: KnowledgeBase.builder().engine(\"solr\").engineOption(connection)"
          + ".engineOption(layout)");
      out.println("  (and no embedder: the SolrCloud engine does not rank by meaning yet)");
      out.println();
      html = Demo.run(out, outDir, seeds,
          b -> b.engine("solr").engineOption(connection).engineOption(layout.existingOnly()), Optional.empty());
      out.println();
      out.println("== 8. A second application server opens the same knowledge base");
      try (KnowledgeBase second = KnowledgeBase.builder().engine("solr").engineOption(connection)
          .engineOption(layout.existingOnly()).build()) {
        Principal wang = Roles.WANG;
        SearchResult r = second.search(SearchRequest.builder(wang).text("5G专网").pageSize(3).build());
        out.println("  items in its catalog: " + second.catalog().size() + "; usage events it counts: "
            + second.events().count(EventQuery.ALL));
        out.println("  wang searches 5G专网 there: " + r.totalHits() + " hits, first "
            + r.hits().stream().map(h -> h.item().title()).toList());
      }
    } finally {
      cluster.shutdown();
      MoreFiles.deleteRecursively(clusterDir);
    }
    return html;
  }
}
