package io.zhiku.solr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.UnavailableException;
import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.solr.SolrConnection;
import java.time.Duration;
import java.util.List;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.security.Sha256AuthenticationProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Basic auth: a cluster that refuses unknown callers (Solr's BasicAuthPlugin, every request needing the
 * admin role) serves a knowledge base whose connection carries the credentials, refuses one without them
 * or with a wrong password, and no exception or {@code toString()} shows the password.
 */
class SolrAuthTest {
  private static final String USER = "zhiku-app";
  private static final String PASSWORD = "s3cret-Pa55-never-shown";

  @RegisterExtension
  static final InProcessSolr SOLR = new InProcessSolr(1, """
      {"authentication": {"class": "solr.BasicAuthPlugin", "blockUnknown": true,
         "credentials": {"%s": "%s"}},
       "authorization": {"class": "solr.RuleBasedAuthorizationPlugin",
         "permissions": [{"name": "all", "role": "admin"}], "user-role": {"%s": ["admin"]}}}
      """.formatted(USER, Sha256AuthenticationProvider.getSaltedHashedValue(PASSWORD), USER));

  private static SolrConnection connection() {
    return SolrConnection.zooKeeper(List.of(SOLR.cluster().getZkServer().getZkHost()), "/solr");
  }

  @Test
  void credentials_letAKnowledgeBaseWriteAndSearch() throws Exception {
    try (CloudSolrClient client = connection().withCredentials(USER, PASSWORD).client()) {
      SolrCollections.ensure(client, "zhiku", "secured", 1, 1);
      SOLR.cluster().waitForActiveCollection("secured", 1, 1);
      try (KnowledgeBase kb = KnowledgeBase.builder().engine(new ItemsOnSolr(client, "secured")).refreshInterval(Duration.ZERO).build()) {
        kb.put(KnowledgeItem.builder("a", ItemKind.FAQ, "统一身份认证").acl(Acl.PUBLIC).build());
        kb.refresh();
        assertEquals(1, kb.search(SearchRequest.builder(Principal.of("u", List.of(), List.of())).text("身份").build()).totalHits());
      }
    }
  }

  @Test
  void noOrWrongCredentials_refused_withoutThePassword() throws Exception {
    try (CloudSolrClient client = connection().withCredentials(USER, PASSWORD).client()) {
      SolrCollections.ensure(client, "zhiku", "guarded", 1, 1);
      SOLR.cluster().waitForActiveCollection("guarded", 1, 1);
    }
    for (SolrConnection c : List.of(connection(), connection().withCredentials(USER, "wrong-" + PASSWORD))) {
      try (CloudSolrClient client = c.client()) {
        SolrKnowledgeIndex index = new SolrKnowledgeIndex(client, "guarded", Duration.ofSeconds(10));
        ZhikuException e = assertThrows(ZhikuException.class, () -> index.get("a"), c.toString());
        assertFalse(e instanceof UnavailableException, "a refusal is not retryable: " + e.getMessage());
        assertTrue(e.getMessage().contains("401"), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
          assertFalse(String.valueOf(t.getMessage()).contains(PASSWORD), "a message shows the password: " + t);
        }
        index.close();
      }
    }
  }

  @Test
  void connection_toStringMasksThePassword_andValidates() {
    SolrConnection c = connection().withCredentials(USER, PASSWORD);
    assertFalse(c.toString().contains(PASSWORD), c.toString());
    assertTrue(c.toString().contains("password=***"), c.toString());
    ValidationException both = assertThrows(ValidationException.class,
        () -> new SolrConnection(List.of("zk:2181"), null, List.of("http://n:8983/solr"), null, null,
            Duration.ofSeconds(1), Duration.ofSeconds(1)));
    assertEquals("SolrConnection.zkHosts", both.field());
    assertEquals("SolrConnection.username",
        assertThrows(ValidationException.class, () -> connection().withCredentials(USER, null)).field());
    ValidationException timeout = assertThrows(ValidationException.class,
        () -> new SolrConnection(List.of("zk:2181"), null, List.of(), null, null, Duration.ZERO, Duration.ofSeconds(1)));
    assertEquals("SolrConnection.connectTimeout", timeout.field());
    assertInstanceOf(String.class, c.zkChroot());
  }
}
