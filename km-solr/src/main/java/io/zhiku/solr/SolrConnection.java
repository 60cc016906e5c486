package io.zhiku.solr;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.spi.EngineOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;

/**
 * How the {@code solr} engine reaches a SolrCloud cluster: its ZooKeeper ensemble (with an optional
 * chroot) or some of its nodes' URLs, timeouts, and basic-auth credentials. The engine needs this option:
 * {@code KnowledgeBase.builder().engine("solr").engineOption(SolrConnection.zooKeeper(List.of("zk1:2181"),
 * "/solr"))}. Each knowledge base opens its own clients from it and closes them when it closes. The password never leaves this record except in the
 * {@code Authorization} header of each request: {@link #toString()} masks it, and no exception or log of
 * this module holds it. Immutable.
 *
 * @param zkHosts ZooKeeper's {@code host:port} addresses; empty when {@code solrUrls} are given
 * @param zkChroot the cluster's ZooKeeper chroot ({@code /solr}), or {@code null} for none
 * @param solrUrls node URLs ({@code http://host:8983/solr}); empty when {@code zkHosts} are given
 * @param username the basic-auth user, or {@code null} without authentication
 * @param password the basic-auth password, or {@code null} without authentication
 * @param connectTimeout how long to wait for a connection, 1 ms to 10 minutes
 * @param requestTimeout how long to wait for an answer, 1 ms to 10 minutes
 */
public record SolrConnection(List<String> zkHosts, String zkChroot, List<String> solrUrls, String username,
    String password, Duration connectTimeout, Duration requestTimeout) implements EngineOption {
  /** The longest timeout accepted. */
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  /**
   * Validates: exactly one of {@code zkHosts} and {@code solrUrls}; a user and a password together or not at
   * all; timeouts within range.
   *
   * @param zkHosts ZooKeeper's {@code host:port} addresses; empty when {@code solrUrls} are given
   * @param zkChroot the cluster's ZooKeeper chroot ({@code /solr}), or {@code null} for none
   * @param solrUrls node URLs ({@code http://host:8983/solr}); empty when {@code zkHosts} are given
   * @param username the basic-auth user, or {@code null} without authentication
   * @param password the basic-auth password, or {@code null} without authentication
   * @param connectTimeout how long to wait for a connection, 1 ms to 10 minutes
   * @param requestTimeout how long to wait for an answer, 1 ms to 10 minutes
   * @throws ValidationException naming the field, if one is invalid
   */
  public SolrConnection {
    zkHosts = List.copyOf(Checks.present("SolrConnection.zkHosts", zkHosts));
    solrUrls = List.copyOf(Checks.present("SolrConnection.solrUrls", solrUrls));
    if (zkHosts.isEmpty() == solrUrls.isEmpty()) {
      throw new ValidationException("SolrConnection.zkHosts", zkHosts, "give either ZooKeeper hosts or Solr URLs, not "
          + (zkHosts.isEmpty() ? "neither" : "both"));
    }
    if (zkChroot != null && (!zkChroot.startsWith("/") || zkChroot.length() < 2)) {
      throw new ValidationException("SolrConnection.zkChroot", zkChroot, "must start with / and name a node");
    }
    if ((username == null) != (password == null)) {
      throw new ValidationException("SolrConnection.username", username, "a user and a password go together");
    }
    if (username != null && (username.isBlank() || username.indexOf(':') >= 0)) {
      throw new ValidationException("SolrConnection.username", username, "must be non-blank and hold no ':'");
    }
    timeout("SolrConnection.connectTimeout", connectTimeout);
    timeout("SolrConnection.requestTimeout", requestTimeout);
  }

  private static void timeout(String field, Duration d) {
    Checks.present(field, d);
    if (d.toMillis() < 1 || d.compareTo(MAX_TIMEOUT) > 0) {
      throw new ValidationException(field, d, "must be between 1 ms and " + MAX_TIMEOUT.toMinutes() + " minutes");
    }
  }

  /**
   * A connection through ZooKeeper, without authentication, with timeouts of 15 s (connect) and 60 s (request).
   *
   * @param zkHosts ZooKeeper's {@code host:port} addresses
   * @param zkChroot the chroot, or {@code null}
   * @return the connection
   */
  public static SolrConnection zooKeeper(List<String> zkHosts, String zkChroot) {
    return new SolrConnection(zkHosts, zkChroot, List.of(), null, null, Duration.ofSeconds(15), Duration.ofSeconds(60));
  }

  /**
   * A connection to some of the cluster's nodes by URL (the client learns the cluster's state from them),
   * without authentication, with timeouts of 15 s (connect) and 60 s (request).
   *
   * @param solrUrls node URLs, e.g. {@code http://solr1:8983/solr}
   * @return the connection
   */
  public static SolrConnection nodes(List<String> solrUrls) {
    return new SolrConnection(List.of(), null, solrUrls, null, null, Duration.ofSeconds(15), Duration.ofSeconds(60));
  }

  /**
   * This connection with other timeouts.
   *
   * @param connect how long to wait for a connection, 1 ms to 10 minutes
   * @param request how long to wait for an answer, 1 ms to 10 minutes
   * @return the connection
   * @throws ValidationException if a timeout is out of range
   */
  public SolrConnection withTimeouts(Duration connect, Duration request) {
    return new SolrConnection(zkHosts, zkChroot, solrUrls, username, password, connect, request);
  }

  /**
   * This connection with basic-auth credentials.
   *
   * @param user the user
   * @param secret the password
   * @return the connection
   */
  public SolrConnection withCredentials(String user, String secret) {
    return new SolrConnection(zkHosts, zkChroot, solrUrls, user, secret, connectTimeout, requestTimeout);
  }

  /**
   * A new client of the cluster; the caller closes it.
   *
   * @return the client
   */
  public CloudSolrClient client() {
    Http2SolrClient.Builder http = new Http2SolrClient.Builder()
        .withConnectionTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .withRequestTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    if (username != null) {
      http.withBasicAuthCredentials(username, password);
    }
    CloudHttp2SolrClient.Builder cloud = zkHosts.isEmpty() ? new CloudHttp2SolrClient.Builder(solrUrls)
        : new CloudHttp2SolrClient.Builder(zkHosts, Optional.ofNullable(zkChroot));
    return cloud.withInternalClientBuilder(http).build();
  }

  /** Everything but the password. */
  @Override
  public String toString() {
    return "SolrConnection[" + (zkHosts.isEmpty() ? "solrUrls=" + solrUrls : "zkHosts=" + zkHosts + ", zkChroot=" + zkChroot)
        + (username == null ? "" : ", username=" + username + ", password=***")
        + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + "]";
  }
}
