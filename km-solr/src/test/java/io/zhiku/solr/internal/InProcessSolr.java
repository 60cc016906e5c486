package io.zhiku.solr.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For JUnit 5 tests: one in-process SolrCloud (ZooKeeper and Jetty nodes in the test JVM) per test class,
 * registered as a static {@code @RegisterExtension} field, started before the class's tests and shut
 * down, with its files, after them. Its {@code @Nested} classes share it.
 */
final class InProcessSolr implements BeforeAllCallback, AfterAllCallback {
  private final int nodes;
  private final String securityJson;
  private Path dir;
  private MiniSolrCloudCluster cluster;
  /** The test class that started the cluster: nested classes call the callbacks too. */
  private String owner;

  /**
   * A cluster to start.
   *
   * @param nodes how many Solr nodes
   */
  InProcessSolr(int nodes) {
    this(nodes, null);
  }

  /**
   * A cluster to start with a security configuration.
   *
   * @param nodes how many Solr nodes
   * @param securityJson the cluster's {@code security.json}, or {@code null} for none
   */
  InProcessSolr(int nodes, String securityJson) {
    this.nodes = nodes;
    this.securityJson = securityJson;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (owner != null) {
      return;
    }
    owner = context.getUniqueId();
    dir = Files.createTempDirectory("zhiku-solr");
    MiniSolrCloudCluster.Builder builder = new MiniSolrCloudCluster.Builder(nodes, dir);
    if (securityJson != null) {
      builder.withSecurityJson(securityJson);
    }
    cluster = builder.build();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (!context.getUniqueId().equals(owner)) {
      return;
    }
    owner = null;
    try {
      if (cluster != null) {
        cluster.shutdown();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * The running cluster.
   *
   * @return the cluster
   */
  MiniSolrCloudCluster cluster() {
    return cluster;
  }

  /**
   * Creates a collection on Zhiku's configset and waits until every replica is active.
   *
   * @param name the collection
   * @param shards how many shards
   * @param replicas how many replicas of each
   * @return the name
   */
  String collection(String name, int shards, int replicas) {
    SolrCollections.ensure(cluster.getSolrClient(), "zhiku", name, shards, replicas);
    cluster.waitForActiveCollection(name, shards, shards * replicas);
    return name;
  }
}
